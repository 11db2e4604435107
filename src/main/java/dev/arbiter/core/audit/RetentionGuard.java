package dev.arbiter.core.audit;

/**
 * Something that may forbid pruning part of the ledger: an open incident's pinned range, a legal hold.
 * {@link LedgerRetention} asks every guard before it prunes and refuses if any objects.
 */
public interface RetentionGuard {

    /**
     * Why entries {@code fromSeq}..{@code toSeq} (inclusive) must not be pruned now, or empty if they may be.
     *
     * @param fromSeq first seq the prune would remove, ≥ 1
     * @param toSeq last seq the prune would remove, ≥ fromSeq
     */
    java.util.Optional<String> refusal(long fromSeq, long toSeq);
}
