package dev.arbiter.core.alert;

import dev.arbiter.core.event.ArbiterEvent;

/** An alert was raised and is in the ledger (published by the detector thread after the commit). */
public record AlertRaised(Alert alert) implements ArbiterEvent {
}
