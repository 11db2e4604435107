package dev.arbiter.core.agent;

import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.util.Set;

/**
 * What a person enters about an agent: who it is, who answers for it, which
 * model it runs on (the guide's Pillar 5: pinned version and fallback), what
 * data it touches, its daily budget and the policy it runs under.
 *
 * @param id            the {@code agent_id} the agent sends to the gateway
 * @param budget        the agent's own daily limits; where it sets none, its policy's {@code budget} applies
 * @param policyVersion a pinned policy version; null to follow the policy's active version
 */
public record AgentProfile(String id, String name, String owner, String purpose, String vendor, String model,
                           String fallbackModel, Set<DataClass> dataClasses, DailyBudget budget, String policyName,
                           Integer policyVersion) {

    public AgentProfile {
        id = strip(id);
        name = strip(name);
        owner = strip(owner);
        purpose = strip(purpose);
        vendor = strip(vendor);
        model = strip(model);
        fallbackModel = strip(fallbackModel);
        dataClasses = dataClasses == null || dataClasses.isEmpty() ? Set.of() : Set.copyOf(dataClasses);
        budget = budget == null ? DailyBudget.NONE : budget;
        policyName = policyName == null || policyName.isBlank() ? null : policyName.strip();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    public AgentProfile withPolicy(String name, Integer version) {
        return new AgentProfile(id, this.name, owner, purpose, vendor, model, fallbackModel, dataClasses, budget, name,
                version);
    }
}
