package dev.arbiter.core.vendor;

import java.time.Instant;

/**
 * An agent's plan for when its provider is down.
 *
 * @param fallbackVendor the vendor id of the fallback model; empty when it comes from the agent's own vendor
 */
public record FallbackPlan(String agentId, FallbackBehaviour behaviour, String fallbackVendor, Instant updatedAt,
                           String updatedBy) {

    public FallbackPlan {
        fallbackVendor = fallbackVendor == null ? "" : fallbackVendor.strip();
    }
}
