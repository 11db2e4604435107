package dev.arbiter.core.policyqa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A replay's or shadow report's changes as lines of text, the same in the terminal and the desktop:
 * the counts by kind (of all changes), a WARNING per would-be allow of a denied request (every one the report
 * kept), then the other kept changes up to a limit, and how many more there are.
 */
public final class ReportText {

    private ReportText() {
    }

    /**
     * The lines of {@code changes} (the report's examples) and {@code counts} (of all changes).
     *
     * @param limit how many changes other than the warnings to list; the rest is counted in one line
     * @param clean what the face does to text an agent sent (the terminal strips control characters)
     */
    public static List<String> changes(List<ChangedDecision> changes, Map<ChangeKind, Long> counts, int limit,
                                       UnaryOperator<String> clean) {
        List<String> lines = new ArrayList<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            lines.add("No decision would change.");
            return lines;
        }
        lines.add(total + " would change: allow->deny " + counts.get(ChangeKind.ALLOW_TO_DENY)
                + ", deny->allow " + counts.get(ChangeKind.DENY_TO_ALLOW) + ", tier up " + counts.get(ChangeKind.TIER_UP)
                + ", tier down " + counts.get(ChangeKind.TIER_DOWN) + ", other reason "
                + counts.get(ChangeKind.REASON_CHANGED));
        List<ChangedDecision> opened = changes.stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW).toList();
        for (ChangedDecision c : opened) {
            lines.add("WARNING: would " + c.replayed().verdict().wireName() + " what was denied: " + line(c, clean));
        }
        long openedTotal = counts.get(ChangeKind.DENY_TO_ALLOW);
        if (openedTotal > opened.size()) {
            lines.add("WARNING: and " + (openedTotal - opened.size()) + " more requests that were denied would go "
                    + "through (not kept in this report; ask for the full list)");
        }
        int shown = 0;
        for (ChangedDecision c : changes) {
            if (c.kind() == ChangeKind.DENY_TO_ALLOW) {
                continue;
            }
            if (shown == limit) {
                break;
            }
            shown++;
            lines.add(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + line(c, clean));
        }
        long rest = total - openedTotal - shown;
        if (rest > 0) {
            lines.add("... and " + rest + " more");
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
