package dev.arbiter.core.assessment;

import java.util.List;
import java.util.Objects;

/**
 * The "System Overview" of the guide's template.
 *
 * @param agentIds ids of the agents that make up the system, as text (they are
 *                 matched against the agent registry where one exists)
 */
public record SystemOverview(String systemName, String businessPurpose, int agentCount, List<String> agentIds,
                             List<String> externalTools, String owner) {

    public SystemOverview {
        systemName = Objects.requireNonNullElse(systemName, "").strip();
        businessPurpose = Objects.requireNonNullElse(businessPurpose, "");
        owner = Objects.requireNonNullElse(owner, "").strip();
        agentIds = cleaned(agentIds);
        externalTools = cleaned(externalTools);
        if (agentCount < 0) {
            throw new IllegalArgumentException("agent count cannot be negative");
        }
    }

    private static List<String> cleaned(List<String> items) {
        return items == null ? List.of() : items.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static SystemOverview empty() {
        return new SystemOverview("", "", 1, List.of(), List.of(), "");
    }
}
