package dev.arbiter.core.event;

import java.util.Set;

/**
 * The database changed, possibly by another process (a headless gateway, a
 * CLI command): services holding cached state reload it.
 *
 * @param tables the tables that changed (the topic), or empty when the
 *               database does not say (SQLite's {@code data_version}, a
 *               reconnect after missed notices): then anything may have changed
 */
public record WorkspaceChanged(Set<String> tables) implements ArbiterEvent {

    public WorkspaceChanged {
        tables = Set.copyOf(tables);
    }

    /** Anything may have changed. */
    public WorkspaceChanged() {
        this(Set.of());
    }

    /** True when any of {@code table} may have changed: it is named, or nothing is. */
    public boolean touches(String... table) {
        if (tables.isEmpty()) {
            return true;
        }
        for (String t : table) {
            if (tables.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
