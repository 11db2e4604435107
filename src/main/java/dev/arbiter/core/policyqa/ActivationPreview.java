package dev.arbiter.core.policyqa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What putting a policy version in force would change, shown before it does (issue 19 "Activation
 * of a new version shows the latest replay or shadow report first"): a replay of the last
 * {@value #DAYS} days of recorded requests under the version, and the version's own shadow report
 * over the same days when it was in shadow for any agent. The CLI, the desktop and the activation's
 * audit entry all use this one record.
 *
 * @param shadow null when the version was not in shadow in the window
 */
public record ActivationPreview(String policy, int version, Instant from, Instant to, ReplayReport replay,
                                ShadowReport shadow) {

    /** Days of history an activation replays first. */
    public static final int DAYS = 7;

    /**
     * Runs the replay and reads the shadow report for {@code policy} v{@code version} at {@code now}.
     *
     * @throws IllegalArgumentException when the policy or version does not exist (the message says which)
     */
    public static ActivationPreview of(Replay replay, ShadowReports shadows, String policy, int version,
                                       Instant now) {
        Instant from = now.minus(Duration.ofDays(DAYS));
        ReplayReport replayed = replay.run(policy, version, from, now);
        ShadowReport shadowed = shadows.ofVersion(policy, version, from, now);
        return new ActivationPreview(policy, version, from, now, replayed,
                shadowed.decisions() == 0 ? null : shadowed);
    }

    /** True when the version would let through something that was denied: the activation needs a confirmation. */
    public boolean allowsSomethingDenied() {
        return replay.allowsSomethingDenied() || shadow != null && !shadow.wouldAllowDenied().isEmpty();
    }

    /** How many would-be allows of denied requests the replay and the shadow found together. */
    public long warnings() {
        return replay.countsByKind().get(ChangeKind.DENY_TO_ALLOW)
                + (shadow == null ? 0 : shadow.wouldAllowDenied().size());
    }

    /**
     * The reference recorded in the activation's audit entry: the window and version, so the same
     * reports can be produced again from the ledger, with the counts the person was shown.
     */
    public Map<String, Object> reference() {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("policy", policy);
        ref.put("version", version);
        ref.put("from", from.toString());
        ref.put("to", to.toString());
        ref.put("replayed", replay.decisions());
        ref.put("replay_changes", counts(replay.countsByKind()));
        if (shadow != null) {
            ref.put("shadow_decisions", shadow.decisions());
            ref.put("shadow_changes", counts(shadow.countsByKind()));
        }
        ref.put("would_allow_denied", warnings());
        return ref;
    }

    private static Map<String, Long> counts(Map<ChangeKind, Long> byKind) {
        Map<String, Long> out = new LinkedHashMap<>();
        byKind.forEach((k, n) -> out.put(k.name().toLowerCase(Locale.ROOT), n));
        return out;
    }

    /** The preview as text, both reports; at most {@code limit} changes each besides the warnings. */
    public List<String> lines(int limit, UnaryOperator<String> clean) {
        List<String> lines = new ArrayList<>();
        lines.add("Replay of the last " + DAYS + " days under " + policy + " v" + version + ": "
                + replay.decisions() + " recorded decision" + (replay.decisions() == 1 ? "" : "s") + ".");
        lines.addAll(ReportText.changes(replay.changes(), replay.countsByKind(), limit, clean));
        if (shadow != null) {
            lines.add("");
            lines.add("While v" + version + " was in shadow: " + shadow.decisions() + " decision"
                    + (shadow.decisions() == 1 ? "" : "s") + " recorded with its answer"
                    + (shadow.failures() == 0 ? "" : ", " + shadow.failures() + " it could not evaluate") + ".");
            lines.addAll(ReportText.changes(shadow.changes(), shadow.countsByKind(), limit, clean));
        }
        return lines;
    }
}
