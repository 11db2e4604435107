package dev.arbiter.core.assessment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The field-by-field difference between two versions of an assessment's
 * content, in the words the editor uses ("Risk 'Cost overruns': residual
 * likelihood"), for the change history.
 */
public final class ContentDiff {

    /** A field whose value differs: its name and both values as text. */
    public record Difference(String field, String before, String after) {
    }

    private ContentDiff() {
    }

    public static List<Difference> between(AssessmentContent before, AssessmentContent after) {
        List<Difference> out = new ArrayList<>();
        SystemOverview a = before.overview();
        SystemOverview b = after.overview();
        compare(out, "System name", a.systemName(), b.systemName());
        compare(out, "Business purpose", a.businessPurpose(), b.businessPurpose());
        compare(out, "Agent count", String.valueOf(a.agentCount()), String.valueOf(b.agentCount()));
        compare(out, "Agent ids", String.join(", ", a.agentIds()), String.join(", ", b.agentIds()));
        compare(out, "External tools/APIs", String.join(", ", a.externalTools()), String.join(", ", b.externalTools()));
        compare(out, "Owner", a.owner(), b.owner());
        DataClassification da = before.data();
        DataClassification db = after.data();
        compare(out, "Data types", labels(da.classes(), DataClass::label), labels(db.classes(), DataClass::label));
        compare(out, "Regulations", labels(da.regulations(), Regulation::label),
                labels(db.regulations(), Regulation::label));
        compare(out, "Data residency", da.residency(), db.residency());
        compare(out, "Retention", da.retention(), db.retention());
        compare(out, "Re-assessment cadence", before.cadence().label(), after.cadence().label());
        compareRisks(out, before.risks(), after.risks());
        return out;
    }

    /**
     * Same number of risks: pairs them by position, so a renamed category reads
     * as a rename. Otherwise pairs them by category, and the rest were added or removed.
     */
    private static void compareRisks(List<Difference> out, List<Risk> before, List<Risk> after) {
        if (before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                compareRisk(out, before.get(i), after.get(i), i + 1);
            }
            return;
        }
        Map<String, Risk> old = before.stream()
                .collect(Collectors.toMap(Risk::category, r -> r, (x, y) -> x));
        Map<String, Risk> now = after.stream()
                .collect(Collectors.toMap(Risk::category, r -> r, (x, y) -> x));
        for (Risk risk : before) {
            if (!now.containsKey(risk.category())) {
                out.add(new Difference("Risks", "'" + risk.category() + "'", "removed"));
            }
        }
        for (int i = 0; i < after.size(); i++) {
            Risk risk = after.get(i);
            Risk was = old.get(risk.category());
            if (was == null) {
                out.add(new Difference("Risks", "", "added '" + risk.category() + "'"));
            } else {
                compareRisk(out, was, risk, i + 1);
            }
        }
    }

    private static void compareRisk(List<Difference> out, Risk a, Risk b, int position) {
        compare(out, "Risk " + position + " category", a.category(), b.category());
        String name = "Risk '" + b.category() + "': ";
        compare(out, name + "likelihood", number(a.likelihood()), number(b.likelihood()));
        compare(out, name + "impact", number(a.impact()), number(b.impact()));
        compare(out, name + "mitigation", a.mitigation(), b.mitigation());
        compare(out, name + "owner", a.owner(), b.owner());
        compare(out, name + "residual likelihood", number(a.residualLikelihood()), number(b.residualLikelihood()));
        compare(out, name + "residual impact", number(a.residualImpact()), number(b.residualImpact()));
    }

    private static String number(Integer n) {
        return n == null ? "not scored" : String.valueOf(n);
    }

    private static <T> String labels(Collection<T> items, Function<T, String> label) {
        return items.stream().map(label).collect(Collectors.joining(", "));
    }

    private static void compare(List<Difference> out, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(new Difference(field, before, after));
        }
    }
}
