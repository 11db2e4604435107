package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.Agent;
import java.util.Optional;

/**
 * What one agent runs on and how it degrades.
 *
 * @param vendor         the register's vendor its vendor field names; empty when that vendor is not registered
 * @param fallback       its plan for a provider outage; empty when none is recorded
 * @param fallbackVendor the vendor of its fallback model: the plan's, else its own vendor
 */
public record AgentProviderPlan(Agent agent, Optional<Vendor> vendor, Optional<FallbackPlan> fallback,
                                Optional<Vendor> fallbackVendor, ProviderStrategy strategy) {

    public String pinnedModel() {
        return agent.profile().model();
    }

    public String fallbackModel() {
        return agent.profile().fallbackModel();
    }

    /** "queue actions …", "notify humans (…)", or "none recorded". */
    public String fallbackDescription() {
        return fallback.map(p -> p.behaviour().describe()).orElse("none recorded");
    }
}
