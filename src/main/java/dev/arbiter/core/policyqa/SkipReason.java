package dev.arbiter.core.policyqa;

/**
 * Why a replay left an entry of its range out: a replay says how many it skipped and why, so that "no decision
 * would change" is never read as "every decision was checked" (issue 19).
 */
public enum SkipReason {
    /**
     * A decision of an agent in the replay's scope (one that decided under the policy in the range, or is assigned
     * to it now) that records no policy ({@code detail.policy}): written by hand or by a build before decisions
     * named their policy, so no version can be chosen to re-decide it. Decisions refused because the agent had no
     * policy at all ({@code NO_POLICY}) are not counted: no policy was in force.
     */
    NO_POLICY_RECORDED("record no policy and version, so no version can re-decide them"),
    /** A decision under the policy whose recorded version the registry does not hold (or that names none). */
    VERSION_UNKNOWN("name a version of the policy that this workspace does not hold"),
    /** An entry whose body could not be read (damaged): {@code arbiter audit verify} names it. */
    UNREADABLE("could not be read (run 'arbiter audit verify' to find the damaged entry)");

    private final String why;

    SkipReason(String why) {
        this.why = why;
    }

    /** The reason as the end of a sentence whose subject is the skipped entries ("12 decisions ..."). */
    public String why() {
        return why;
    }
}
