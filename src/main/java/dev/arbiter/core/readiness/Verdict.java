package dev.arbiter.core.readiness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The decision matrix's answer to "are we ready?": the total out of 30 against
 * the minimum, plus a warning for every dimension at or below the warning
 * score, because one missing capability (say, no escalation process at all) is
 * a reason to hold back even when the other five carry the total over the line.
 */
public record Verdict(Outcome outcome, int total, int scored, ReadinessThresholds thresholds,
                      List<Dimension> warnings) {

    public enum Outcome {
        READY("Ready"),
        NOT_READY("Not ready"),
        /** A draft with dimensions still unscored: no verdict yet, only the running total. */
        INCOMPLETE("Incomplete");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Verdict {
        warnings = List.copyOf(warnings);
    }

    public static Verdict of(Assessment assessment, ReadinessThresholds thresholds) {
        int total = assessment.total();
        List<Dimension> warnings = assessment.scores().values().stream()
                .filter(s -> s.isScored() && s.score() <= thresholds.warningScore())
                .map(DimensionScore::dimension)
                .toList();
        Outcome outcome = !assessment.allScored() ? Outcome.INCOMPLETE
                : total >= thresholds.readyMinimum() ? Outcome.READY : Outcome.NOT_READY;
        return new Verdict(outcome, total, assessment.scoredCount(), thresholds, warnings);
    }

    public boolean ready() {
        return outcome == Outcome.READY;
    }

    /** "22/30". */
    public String totalText() {
        return total + "/" + Assessment.MAX_TOTAL;
    }

    /** One line for a person: "Ready: 22/30 (minimum 20)", "Not ready: 17/30, 3 short of 20". */
    public String headline() {
        int minimum = thresholds.readyMinimum();
        return switch (outcome) {
            case READY -> "Ready: " + totalText() + " (minimum " + minimum + ")";
            case NOT_READY -> "Not ready: " + totalText() + ", " + (minimum - total) + " short of " + minimum;
            case INCOMPLETE -> "Incomplete: " + scored + " of " + Dimension.values().length
                    + " dimensions scored, " + totalText() + " so far";
        };
    }

    /** One sentence per warning, empty when there are none. */
    public List<String> warningTexts() {
        return warnings.stream()
                .map(d -> d.title() + " is scored " + (thresholds.warningScore() == 1 ? "1"
                        : "at or below " + thresholds.warningScore())
                        + (outcome == Outcome.READY ? ": fix it before deploying, even though the total passes."
                        : ": this capability is missing."))
                .toList();
    }

    /** "Security Infrastructure, Observability". */
    public String warningList() {
        return warnings.stream().map(Dimension::title).collect(Collectors.joining(", "));
    }
}
