package dev.arbiter.core.control;

import dev.arbiter.core.event.ArbiterEvent;

/** A kill switch was engaged or released (here or, noticed on reload, by another process). */
public record KillSwitchChanged(KillSwitchState state) implements ArbiterEvent {
}
