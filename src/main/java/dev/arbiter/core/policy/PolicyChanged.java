package dev.arbiter.core.policy;

import dev.arbiter.core.event.ArbiterEvent;

/** A policy version was saved or activated in this process. */
public record PolicyChanged(String name, int version, boolean activated) implements ArbiterEvent {
}
