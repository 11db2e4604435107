package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.RetentionGuard;
import java.util.Optional;

/**
 * Makes sure a signed checkpoint covers a range before it is pruned (issue 18): once pruned, entries can only be
 * proven against a root that was signed while they were still there. When none covers it yet, this signs one
 * (the ledger is all there at this point); it refuses only when that fails, e.g. the key cannot be read.
 */
public final class CheckpointCoverage implements RetentionGuard {

    private final Checkpoints checkpoints;

    public CheckpointCoverage(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public Optional<String> refusal(long fromSeq, long toSeq) {
        if (checkpoints.covering(toSeq).isPresent()) {
            return Optional.empty();
        }
        try {
            checkpoints.checkpoint();
        } catch (RuntimeException e) {
            return Optional.of("No signed checkpoint covers entries up to #" + toSeq + " and none could be signed ("
                    + e.getMessage() + "), so they could not be proven once pruned; nothing was pruned.");
        }
        return checkpoints.covering(toSeq).isPresent() ? Optional.empty()
                : Optional.of("No signed checkpoint covers entries up to #" + toSeq + "; nothing was pruned.");
    }
}
