package dev.arbiter.core.event;

/** Something that happened in core that a face may want to show. */
public interface ArbiterEvent {
}
