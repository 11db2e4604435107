package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AgentPolicy;

/**
 * The shared counters a policy version in shadow reads, so that the agent's real decisions keep
 * them although the version in force sets no such limit (issue 19): the real actions of the
 * minute, the real escalations of the hour, and the actions since a person last reviewed the agent.
 * Without this, a shadow limit was judged against an empty window and never said it would refuse.
 * (The day's spend is kept for every decision whatever the limits.)
 *
 * @param actions     the shadow sets {@code actions_per_minute}
 * @param escalations the shadow sets {@code escalations_per_hour}
 * @param autonomy    the shadow sets {@code max_autonomous_actions} or {@code max_autonomous_minutes}
 */
record ShadowNeeds(boolean actions, boolean escalations, boolean autonomy) {

    /** No shadow, or one that sets none of these limits. */
    static final ShadowNeeds NONE = new ShadowNeeds(false, false, false);

    /** What {@code shadow} reads. */
    static ShadowNeeds of(AgentPolicy shadow) {
        return new ShadowNeeds(shadow.rateLimits().actionsPerMinute() != null,
                shadow.rateLimits().escalationsPerHour() != null,
                shadow.autonomy().maxActions() != null || shadow.autonomy().maxMinutes() != null);
    }
}
