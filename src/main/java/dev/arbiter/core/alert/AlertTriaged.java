package dev.arbiter.core.alert;

import dev.arbiter.core.event.ArbiterEvent;

/** A person triaged an alert (published after the commit). */
public record AlertTriaged(Alert alert) implements ArbiterEvent {
}
