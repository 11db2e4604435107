package dev.arbiter.core.incident;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.policy.PolicySummary;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a new incident names outside itself, checked and written down at opening: its agents, by their
 * registered ids, and the policy versions in force for them then (frozen with the evidence).
 */
final class IncidentScope {

    private final AgentRegistry agents;
    private final PolicyRegistry policies;

    IncidentScope(AgentRegistry agents, PolicyRegistry policies) {
        this.agents = agents;
        this.policies = policies;
    }

    /**
     * The registered ids of {@code ids}, each once, in order; blank ones are skipped.
     *
     * @throws IllegalArgumentException naming an agent that is not registered
     */
    List<String> canonicalAgents(List<String> ids) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String raw : ids) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Agent a = agents.find(raw).orElseThrow(() -> new IllegalArgumentException("agents: there is no agent '"
                    + raw.strip() + "' (arbiter agent list shows them)"));
            out.add(a.id());
        }
        return List.copyOf(out);
    }

    /** "name v3" for each policy in force: the agents' (pinned or active), else every active policy. */
    List<String> policiesInForce(List<String> agentIds) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (agentIds.isEmpty()) {
            for (PolicySummary p : policies.list()) {
                if (p.activeVersion() != null) {
                    out.add(p.name() + " v" + p.activeVersion());
                }
            }
        }
        for (String id : agentIds) {
            Agent a = agents.find(id).orElseThrow();
            policies.inForce(a.profile().policyName(), a.profile().policyVersion())
                    .ifPresentOrElse(p -> out.add(p.name() + " v" + p.version() + " (" + id + ")"),
                            () -> out.add("no policy in force (" + id + ")"));
        }
        return List.copyOf(out);
    }
}
