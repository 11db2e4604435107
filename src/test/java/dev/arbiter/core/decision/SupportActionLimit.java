package dev.arbiter.core.decision;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.SamplePolicies;

/** The demo's customer-support-agent policy with another {@code actions_per_minute}, for the rate-window tests. */
final class SupportActionLimit {

    private SupportActionLimit() {
    }

    /** Activates the sample support policy with {@code perMinute} actions a minute, saved by alice. */
    static void set(Workspace ws, int perMinute) {
        ws.policies().save(SamplePolicies.text("customer-support-agent.yaml")
                .replace("actions_per_minute: 30", "actions_per_minute: " + perMinute), "alice", "limit", true);
    }
}
