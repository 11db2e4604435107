package dev.arbiter.core.control;

import java.util.List;

/**
 * The kill switch was asked to act on an agent id that is not registered.
 * Nothing was engaged or written: a switch on a mistyped id would report
 * success while the agent the operator meant keeps running.
 */
public final class UnknownAgentException extends RuntimeException {

    private final String agentId;
    private final List<String> suggestions;

    /**
     * @param agentId     the id as given
     * @param suggestions registered ids close to it, closest first (may be empty)
     */
    public UnknownAgentException(String agentId, List<String> suggestions) {
        super("no agent " + agentId + (suggestions.isEmpty()
                ? " — list the registered agents with: arbiter agent list"
                : " — did you mean " + String.join(" or ", suggestions) + "?"));
        this.agentId = agentId;
        this.suggestions = List.copyOf(suggestions);
    }

    public String agentId() {
        return agentId;
    }

    /** Registered ids close to the one given, closest first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
