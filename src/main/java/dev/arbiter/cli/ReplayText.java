package dev.arbiter.cli;

import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.ChangedDecision;
import dev.arbiter.core.policyqa.ModelDecision;
import dev.arbiter.core.policyqa.RecordedRequest;
import dev.arbiter.core.policyqa.ReplayReport;
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
        if (changes.isEmpty()) {
            out.println("No decision would change.");
            return;
        }
        out.println(changes.size() + " would change: allow->deny " + counts.get(ChangeKind.ALLOW_TO_DENY)
                + ", deny->allow " + counts.get(ChangeKind.DENY_TO_ALLOW) + ", tier up " + counts.get(ChangeKind.TIER_UP)
                + ", tier down " + counts.get(ChangeKind.TIER_DOWN) + ", other reason " + counts.get(ChangeKind.REASON_CHANGED));
        List<ChangedDecision> opened = changes.stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW).toList();
        for (ChangedDecision c : opened) {
            out.println("WARNING: would " + c.replayed().verdict().wireName() + " what was denied: " + line(c));
        }
        int shown = 0;
        for (ChangedDecision c : changes) {
            if (c.kind() == ChangeKind.DENY_TO_ALLOW) {
                continue;
            }
            if (shown++ == limit) {
                out.println("... and " + (changes.size() - opened.size() - limit) + " more (--limit N shows more)");
                break;
            }
            out.println(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + line(c));
        }
    }

    private static String line(ChangedDecision c) {
        RecordedRequest r = c.recorded();
        ModelDecision d = c.replayed();
        return r.traceId() + " " + r.at() + " " + r.request().agentId() + " " + TerminalText.clean(r.request().action()
                .action()) + ": was " + r.verdict().wireName() + "/" + (r.tier() == null ? "-" : r.tier().wireName()) + "/"
                + r.reasonCode() + ", now " + d.verdict().wireName() + "/" + (d.tier() == null ? "-" : d.tier().wireName())
                + "/" + d.reasonCode() + " (" + TerminalText.clean(d.reason()) + ")";
    }
}
