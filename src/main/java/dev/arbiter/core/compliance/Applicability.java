package dev.arbiter.core.compliance;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DataClass;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a requirement applies to an agent: to every agent, to agents touching
 * certain data classes, or to agents whose policy allows certain actions (the
 * guide's "map every agent action to a compliance requirement").
 */
public record Applicability(boolean all, Set<DataClass> dataClasses, List<ActionPattern> actions) {

    public Applicability {
        dataClasses = Set.copyOf(dataClasses);
        actions = List.copyOf(actions);
    }

    /** Why the requirement applies to this agent, in words; empty when it does not. */
    public Optional<String> reasonFor(Agent agent, AgentPolicy policy) {
        if (all) {
            return Optional.of("applies to every agent");
        }
        for (DataClass dataClass : DataClass.values()) {
            if (dataClasses.contains(dataClass) && agent.profile().dataClasses().contains(dataClass)) {
                return Optional.of("the agent touches " + dataClass.label() + " data");
            }
        }
        if (policy != null) {
            for (ActionPattern allowed : policy.allowedActions()) {
                for (ActionPattern wanted : actions) {
                    if (wanted.matches(allowed.text()) || allowed.matches(wanted.text())) {
                        return Optional.of("its policy allows " + allowed.text());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
