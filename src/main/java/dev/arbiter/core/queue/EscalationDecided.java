package dev.arbiter.core.queue;

import dev.arbiter.core.event.ArbiterEvent;

/**
 * A queued action was decided: approved or denied by a reviewer, timed out, or
 * denied by the kill switch ({@code item().reasonCode()} says which). Published
 * once the decision is durable, here or (noticed within about 200 ms) in
 * another process on the same workspace.
 */
public record EscalationDecided(QueueItem item) implements ArbiterEvent {
}
