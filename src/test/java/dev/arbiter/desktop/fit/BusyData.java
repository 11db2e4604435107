package dev.arbiter.desktop.fit;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A busy workspace as a real team has one: an agent with a long id (team, region and version in it) and
 * long action names, with gated and supervised items in the queue, on top of the demo workspace. The fit
 * test shows every screen with it, so table cells are checked with text as long as people really use.
 */
final class BusyData {

    static final String LONG_AGENT = "customer-escalations-refunds-agent-emea-v3";
    static final String LONG_ACTION = "issue:refund_partial_with_store_credit";

    private BusyData() {
    }

    static void add(Workspace ws) {
        String yaml = policyText().replace("name: \"refunds-agent\"", "name: \"" + LONG_AGENT + "\"")
                .replace("    - issue:refund\n", "    - issue:refund\n    - " + LONG_ACTION + "\n");
        ws.policies().save(yaml, "fit-test", "busy data", true);
        ws.agents().add(new AgentProfile(LONG_AGENT, "EMEA customer escalations refunds agent",
                "Marie-Christine Vandenbroucke-Oosterhuis (EMEA Finance Operations)",
                "Issues partial refunds and store credit for escalated customer complaints in EMEA",
                "Anthropic", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001",
                Set.of(DataClass.PII, DataClass.FINANCIAL), new DailyBudget(1_500_000L, new BigDecimal("45"), 80),
                LONG_AGENT, null), "fit-test");
        for (int i = 0; i < 6; i++) {
            double amount = i % 2 == 0 ? 12_450.75 + i : 240 + i;
            ws.decisions().decide(new DecisionRequest(LONG_AGENT, "sess_emea_" + i, LONG_ACTION,
                    "Partial refund of $" + amount + " as store credit for a delayed order, customer tier gold",
                    "The order arrived 19 days late; the complaint policy allows a partial refund (confidence 0.87).",
                    0.87, List.of("order_lookup", "payments_api"), 2400L, "payments-api.internal:443", amount,
                    Set.of(DataClass.FINANCIAL), null, null,
                    "{\"amount_usd\":" + amount + ",\"data_classes\":[\"Financial\"]}")).join();
        }
        exercises(ws);
    }

    /** A running tabletop exercise with a long scenario and long names, one step done, one ended before it. */
    private static void exercises(Workspace ws) {
        dev.arbiter.core.playbook.PlaybookLibrary.Source s = ws.playbooks().source("runaway-cost-loop");
        var plan = new dev.arbiter.core.exercise.ExercisePlan("Refund loop on a Friday night during the EMEA"
                + " quarter-end close, with the on-call finance lead unreachable",
                List.of("Marie-Christine Vandenbroucke-Oosterhuis", "Bob", "Fin"), "Dana Reyes");
        var ended = ws.exercises().plan(plan, s.file(), s.yaml(), "fit-test");
        ws.exercises().start(ended.id(), "fit-test");
        ws.exercises().completeStep(ended.id(), 1, "Bob", "", "fit-test");
        ws.exercises().end(ended.id(), "Finance was not reachable for the first hour", "fit-test");
        var running = ws.exercises().plan(plan, s.file(), s.yaml(), "fit-test");
        ws.exercises().start(running.id(), "fit-test");
        ws.exercises().completeStep(running.id(), 1, "Marie-Christine Vandenbroucke-Oosterhuis", "", "fit-test");
    }

    private static String policyText() {
        try (InputStream in = Workspace.class.getResourceAsStream("demo/policies/refunds-agent.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
