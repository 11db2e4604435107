package dev.arbiter.core.vendor;

import dev.arbiter.core.event.ArbiterEvent;

/** The vendor register, a fallback plan or a model change request changed in this process. */
public record VendorsChanged() implements ArbiterEvent {
}
