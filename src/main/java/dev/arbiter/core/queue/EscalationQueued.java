package dev.arbiter.core.queue;

import dev.arbiter.core.event.ArbiterEvent;

/**
 * An action joined the escalation queue: a gated one waiting for approval or a
 * supervised one waiting for its review. Published once the item is durable,
 * in this process or (noticed within about 200 ms) when another process on the
 * same workspace added it. Published on the thread that noticed it; a desktop
 * listener should only queue it for its next UI tick.
 */
public record EscalationQueued(QueueItem item) implements ArbiterEvent {
}
