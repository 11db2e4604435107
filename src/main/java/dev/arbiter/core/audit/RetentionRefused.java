package dev.arbiter.core.audit;

/** A prune that a {@link RetentionGuard} forbade; the message says which guard and why. Nothing was deleted. */
public final class RetentionRefused extends IllegalStateException {

    public RetentionRefused(String message) {
        super(message);
    }
}
