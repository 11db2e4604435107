package dev.arbiter.core.policyqa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A replay's or shadow report's changes as lines of text, the same in the terminal and the desktop:
 * the counts by kind, a WARNING per would-be allow of a denied request (always all of them), then
 * the other changes up to a limit.
 */
public final class ReportText {

    private ReportText() {
    }

    /**
     * The lines of {@code changes}.
     *
     * @param limit how many changes other than the warnings to list; the rest is counted in one line
     * @param clean what the face does to text an agent sent (the terminal strips control characters)
     */
    public static List<String> changes(List<ChangedDecision> changes, Map<ChangeKind, Long> counts, int limit,
                                       UnaryOperator<String> clean) {
        List<String> lines = new ArrayList<>();
        if (changes.isEmpty()) {
            lines.add("No decision would change.");
            return lines;
        }
        lines.add(changes.size() + " would change: allow->deny " + counts.get(ChangeKind.ALLOW_TO_DENY)
                + ", deny->allow " + counts.get(ChangeKind.DENY_TO_ALLOW) + ", tier up " + counts.get(ChangeKind.TIER_UP)
                + ", tier down " + counts.get(ChangeKind.TIER_DOWN) + ", other reason "
                + counts.get(ChangeKind.REASON_CHANGED));
        List<ChangedDecision> opened = changes.stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW).toList();
        for (ChangedDecision c : opened) {
            lines.add("WARNING: would " + c.replayed().verdict().wireName() + " what was denied: " + line(c, clean));
        }
        int shown = 0;
        for (ChangedDecision c : changes) {
            if (c.kind() == ChangeKind.DENY_TO_ALLOW) {
                continue;
            }
            if (shown++ == limit) {
                lines.add("... and " + (changes.size() - opened.size() - limit) + " more");
                break;
            }
            lines.add(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + line(c, clean));
        }
        return lines;
    }

    private static String line(ChangedDecision c, UnaryOperator<String> clean) {
        RecordedRequest r = c.recorded();
        ModelDecision d = c.replayed();
        return r.traceId() + " " + r.at() + " " + r.request().agentId() + " " + clean.apply(r.request().action()
                .action()) + ": was " + r.verdict().wireName() + "/" + (r.tier() == null ? "-" : r.tier().wireName())
                + "/" + r.reasonCode() + ", now " + d.verdict().wireName() + "/"
                + (d.tier() == null ? "-" : d.tier().wireName()) + "/" + d.reasonCode() + " (" + clean.apply(d.reason())
                + ")";
    }
}
