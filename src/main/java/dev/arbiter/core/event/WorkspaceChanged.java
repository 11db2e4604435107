package dev.arbiter.core.event;

/**
 * The database file changed, possibly by another process (a headless gateway,
 * a CLI command): services holding cached state reload it.
 */
public record WorkspaceChanged() implements ArbiterEvent {
}
