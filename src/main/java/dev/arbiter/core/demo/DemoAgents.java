package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The three demo agents and their shipped policies: support-agent-v2 under
 * customer-support-agent (the guide's example), refunds-agent and
 * data-cleanup-agent. {@code arbiter simulate} and the tests need them in any
 * workspace, not only a fresh demo one; {@link #ensure} adds whichever are
 * missing (in the demo workspace PolicyDemoSeed has added them already).
 */
public final class DemoAgents {

    public static final String SUPPORT = "support-agent-v2";
    public static final String REFUNDS = "refunds-agent";
    public static final String CLEANUP = "data-cleanup-agent";
    public static final List<String> IDS = List.of(SUPPORT, REFUNDS, CLEANUP);
    /**
     * The network path each demo agent names in its requests: their policies are sandboxed with
     * a network_access list, and such a policy denies an action that names no target.
     */
    public static final java.util.Map<String, String> TARGETS = java.util.Map.of(SUPPORT, "crm-api.internal:443",
            REFUNDS, "payments-api.internal:443", CLEANUP, "object-store.internal:443");

    /** The agents as {@link #ensure} adds them; the demo workspace's PolicyDemoSeed adds the same. */
    static final List<AgentProfile> PROFILES = List.of(
            new AgentProfile(SUPPORT, "Customer support agent", "Dana Reyes (Support Operations)",
                    "Answers order and billing questions, opens tickets, sends pre-approved email templates",
                    "Anthropic", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", Set.of(DataClass.PII),
                    new DailyBudget(800_000L, new BigDecimal("25"), 80), "customer-support-agent", null),
            new AgentProfile(REFUNDS, "Refunds agent", "Marcus Lee (Finance Operations)",
                    "Issues refunds for damaged, late or cancelled orders within the refund policy",
                    "OpenAI", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", Set.of(DataClass.PII, DataClass.FINANCIAL),
                    new DailyBudget(1_500_000L, new BigDecimal("45"), 80), "refunds-agent", null),
            new AgentProfile(CLEANUP, "Data cleanup agent", "Priya Natarajan (Platform Engineering)",
                    "Purges expired sessions, temporary files and stale exports under the retention schedule",
                    "Anthropic", "claude-haiku-4-5-20251001", "", Set.of(DataClass.PII),
                    new DailyBudget(300_000L, new BigDecimal("12.50"), 75), "data-cleanup-agent", null));

    private static final String ACTOR = "demo";

    private DemoAgents() {
    }

    /** Adds the shipped policies and the demo agents that are not in the workspace yet. */
    public static void ensure(Workspace ws) {
        policy(ws, "customer-support-agent", "customer-support-agent.yaml");
        policy(ws, "refunds-agent", "refunds-agent.yaml");
        policy(ws, "data-cleanup-agent", "data-cleanup-agent.yaml");
        PROFILES.forEach(profile -> agent(ws, profile));
    }

    private static void policy(Workspace ws, String name, String file) {
        if (!ws.policies().exists(name)) {
            ws.policies().save(policyText(file), ACTOR, "shipped sample", true);
        }
    }

    private static void agent(Workspace ws, AgentProfile profile) {
        if (ws.agents().find(profile.id()).isEmpty()) {
            ws.agents().add(profile, ACTOR);
        }
    }

    /** A shipped sample policy's YAML, from {@code policies/} next to this class. */
    static String policyText(String file) {
        try (InputStream in = DemoAgents.class.getResourceAsStream("policies/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the sample policy " + file + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
