package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The three demo agents and their shipped policies: support-agent-v2 under
 * customer-support-agent (the guide's example), refunds-agent and
 * data-cleanup-agent. The gateway's demo data, the simulator and the
 * benchmark use them; {@link #ensure} adds whichever are missing.
 */
public final class DemoAgents {

    public static final String SUPPORT = "support-agent-v2";
    public static final String REFUNDS = "refunds-agent";
    public static final String CLEANUP = "data-cleanup-agent";
    public static final List<String> IDS = List.of(SUPPORT, REFUNDS, CLEANUP);

    private static final String ACTOR = "demo";

    private DemoAgents() {
    }

    /** Adds the shipped policies and the demo agents that are not in the workspace yet. */
    public static void ensure(Workspace ws) {
        policy(ws, "customer-support-agent", "customer-support-agent.yaml");
        policy(ws, "refunds-agent", "refunds-agent.yaml");
        policy(ws, "data-cleanup-agent", "data-cleanup-agent.yaml");
        agent(ws, new AgentProfile(SUPPORT, "Support agent", "Dana Reyes (Support Ops)",
                "Answers order and billing questions, opens tickets, sends templated e-mails", "Anthropic",
                "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", Set.of(DataClass.PII),
                new DailyBudget(800_000L, null, 80), "customer-support-agent", null));
        agent(ws, new AgentProfile(REFUNDS, "Refunds agent", "Sam Okafor (Payments)",
                "Issues refunds for damaged, late or cancelled orders", "Anthropic", "claude-sonnet-4-5-20250929",
                "", Set.of(DataClass.PII, DataClass.FINANCIAL), null, "refunds-agent", null));
        agent(ws, new AgentProfile(CLEANUP, "Data cleanup agent", "Priya Natarajan (Data Platform)",
                "Purges expired sessions, temp files and stale exports", "OpenAI", "gpt-4.1-2025-04-14", "",
                Set.of(DataClass.PII), null, "data-cleanup-agent", null));
    }

    private static void policy(Workspace ws, String name, String file) {
        if (!ws.policies().exists(name)) {
            ws.policies().save(text(file), ACTOR, "shipped sample", true);
        }
    }

    private static void agent(Workspace ws, AgentProfile profile) {
        if (ws.agents().find(profile.id()).isEmpty()) {
            ws.agents().add(profile, ACTOR);
        }
    }

    private static String text(String file) {
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
