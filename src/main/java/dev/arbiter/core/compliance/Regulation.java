package dev.arbiter.core.compliance;

import java.util.List;

/** A regulation of the catalog and its requirements. */
public record Regulation(String id, String name, String summary, List<Requirement> requirements, boolean builtIn) {

    public Regulation {
        requirements = List.copyOf(requirements);
    }
}
