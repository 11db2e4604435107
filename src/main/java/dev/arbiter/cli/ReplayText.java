package dev.arbiter.cli;

import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.ChangedDecision;
import dev.arbiter.core.policyqa.ReplayReport;
import dev.arbiter.core.policyqa.ReportText;
import dev.arbiter.core.policyqa.ShadowReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A replay or shadow report as terminal text: the counts by kind, a warning per would-be allow of a denied request, the changes. */
final class ReplayText {

    private ReplayText() {
    }

    /** Prints {@code report}; at most {@code limit} changes are listed (the warnings always in full). */
    static void print(PrintWriter out, ReplayReport r, int limit) {
        out.println("Replayed " + r.decisions() + " recorded decision" + (r.decisions() == 1 ? "" : "s") + " of policy "
                + r.policy() + " under " + (r.version() == null ? "the versions that decided them" : "v" + r.version())
                + (r.from() == null && r.to() == null ? "" : " (" + (r.from() == null ? "start" : r.from()) + " to "
                + (r.to() == null ? "now" : r.to()) + ")") + String.format(Locale.ROOT, " in %.2f s", r.nanos() / 1e9));
        r.skippedLines().forEach(out::println);
        changes(out, r.changes(), r.countsByKind(), limit);
    }

    /**
     * Prints a shadow report: which shadows, how many decisions and failures, then the changes as
     * for a replay (every would-be allow of a denied request as a WARNING line).
     */
    static void print(PrintWriter out, ShadowReport r, int limit) {
        out.println(r.decisions() + " decision" + (r.decisions() == 1 ? "" : "s") + " recorded with a shadow answer"
                + (r.agentId() == null ? "" : " for " + r.agentId())
                + (r.from() == null && r.to() == null ? "" : " (" + (r.from() == null ? "start" : r.from()) + " to "
                + (r.to() == null ? "now" : r.to()) + ")")
                + (r.shadows().isEmpty() ? "" : ", shadow " + String.join(", ", r.shadows())) + ".");
        if (r.failures() > 0) {
            out.println(r.failures() + " shadow evaluation" + (r.failures() == 1 ? "" : "s")
                    + " failed (the real decisions stood; see the log for why).");
        }
        changes(out, r.changes(), r.countsByKind(), limit);
    }

    private static void changes(PrintWriter out, List<ChangedDecision> changes, Map<ChangeKind, Long> counts,
                                int limit) {
        for (String line : ReportText.changes(changes, counts, limit, TerminalText::clean)) {
            out.println(line.startsWith("... and ") ? line + " (--limit N shows more)" : line);
        }
    }
}
