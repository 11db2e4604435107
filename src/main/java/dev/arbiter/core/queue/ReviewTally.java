package dev.arbiter.core.queue;

/**
 * How an agent's queued actions were decided so far: a reviewer's context for
 * the next one ("approved 18 of 20" reads differently from "2 of 20").
 *
 * @param timedOut denied because nobody decided within the approval timeout
 * @param stopped  denied by the kill switch
 */
public record ReviewTally(int approved, int denied, int timedOut, int stopped, int pending) {

    public static final ReviewTally NONE = new ReviewTally(0, 0, 0, 0, 0);

    /** Decisions people made (approvals and denials). */
    public int reviewed() {
        return approved + denied;
    }

    /** Approvals among the decisions people made; null before the first one. */
    public Double approvalRate() {
        return reviewed() == 0 ? null : (double) approved / reviewed();
    }
}
