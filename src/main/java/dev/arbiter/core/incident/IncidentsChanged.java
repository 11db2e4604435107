package dev.arbiter.core.incident;

import dev.arbiter.core.event.ArbiterEvent;

/** An incident was opened or changed in this process (other processes: {@code WorkspaceChanged} on "incident"). */
public record IncidentsChanged(long id) implements ArbiterEvent {
}
