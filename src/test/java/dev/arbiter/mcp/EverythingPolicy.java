package dev.arbiter.mcp;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import java.util.Set;

/** A policy and agent for {@code @modelcontextprotocol/server-everything}: echo runs, get-sum waits for a person. */
final class EverythingPolicy {

    static final String AGENT = "everything-agent";
    static final String YAML = """
            agent_policy:
              name: "everything-agent"
              allowed_actions: [call:echo, compute:sum]
              denied_actions: [call:get-env]
              tier_overrides:
                "compute:sum": gated
              approval_timeout_minutes: 30
              mcp_tools:
                get-sum: {action: "compute:sum", context: {amount_usd: "$.a", note: "$.b"}}
              mcp_sensitive_fields: [secret_note]
            """;

    private EverythingPolicy() {
    }

    static void install(Workspace ws) {
        ws.policies().save(YAML, "test", null, true);
        ws.agents().add(new AgentProfile(AGENT, "Everything agent", "test", "", "", "", "", Set.of(), null,
                "everything-agent", null), "test");
    }
}
