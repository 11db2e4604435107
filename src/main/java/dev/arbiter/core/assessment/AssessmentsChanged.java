package dev.arbiter.core.assessment;

import dev.arbiter.core.event.ArbiterEvent;

/** An assessment was created, edited or moved through its workflow in this process. */
public record AssessmentsChanged(long id) implements ArbiterEvent {
}
