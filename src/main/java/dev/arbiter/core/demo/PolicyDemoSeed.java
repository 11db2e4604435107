package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.compliance.ControlStatus;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The demo's three policies (the guide's example verbatim, and two that use
 * Arbiter's additions), the agents the audit demo refers to, and their
 * compliance mappings with a few gaps left open to show.
 */
final class PolicyDemoSeed implements DemoSeed {

    private static final String ACTOR = "demo";

    @Override
    public void seed(Workspace ws) {
        var policies = ws.policies();
        policies.save(sample("customer-support-agent.yaml"), ACTOR, "The guide's example policy", true);
        String refunds = sample("refunds-agent.yaml");
        // An earlier, stricter version first, so the demo has a history to diff and roll back to.
        String stricter = refunds.replace("      gated: 1000 ", "      gated: 500  ")
                .replace("  max_autonomous_minutes: 240\n", "");
        if (stricter.equals(refunds)) {
            throw new IllegalStateException("The refunds-agent sample changed; update the demo's first version");
        }
        policies.save(stricter, ACTOR, "First cut: gate refunds from $500", true);
        policies.save(refunds, ACTOR, "Gate from $1,000 as the guide says; time-box autonomy to 4 hours", true);
        policies.save(sample("data-cleanup-agent.yaml"), ACTOR, "Deletes always wait for approval", true);

        var agents = ws.agents();
        agents.add(new AgentProfile("support-agent-v2", "Customer support agent", "Dana Reyes (Support Operations)",
                "Answers order and billing questions, opens tickets, sends pre-approved email templates",
                "Anthropic", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", Set.of(DataClass.PII),
                new DailyBudget(800_000L, new BigDecimal("25"), 80), "customer-support-agent", null), ACTOR);
        agents.add(new AgentProfile("refunds-agent", "Refunds agent", "Marcus Lee (Finance Operations)",
                "Issues refunds for damaged, late or cancelled orders within the refund policy",
                "OpenAI", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", Set.of(DataClass.PII, DataClass.FINANCIAL),
                new DailyBudget(1_500_000L, new BigDecimal("45"), 80), "refunds-agent", null), ACTOR);
        agents.add(new AgentProfile("data-cleanup-agent", "Data cleanup agent", "Priya Natarajan (Platform Engineering)",
                "Purges expired sessions, temporary files and stale exports under the retention schedule",
                "Anthropic", "claude-haiku-4-5-20251001", "", Set.of(DataClass.PII),
                new DailyBudget(300_000L, new BigDecimal("12.50"), 75), "data-cleanup-agent", 1), ACTOR);

        var compliance = ws.compliance();
        String anthropicDpa = "Anthropic commercial terms and DPA signed 2026-01-12; API data is not used for training";
        compliance.recordControl("support-agent-v2", "GDPR-MINIMISATION", ControlStatus.MET,
                "allowed_actions read only the customer profile and order history", "Policy review 2026-02-02", ACTOR);
        compliance.recordControl("support-agent-v2", "GDPR-PROCESSOR", ControlStatus.MET, anthropicDpa,
                "Contracts folder: VEN-0042", ACTOR);
        compliance.recordControl("support-agent-v2", "CCPA-NO-SALE", ControlStatus.MET,
                "Vendor acts as a service provider; no sale or sharing", "Contracts folder: VEN-0042", ACTOR);
        compliance.recordControl("support-agent-v2", "EUAI-TRANSPARENCY", ControlStatus.MET,
                "Every email template ends with an AI-assistance disclosure", "Template library TPL-2026-07", ACTOR);
        compliance.recordControl("support-agent-v2", "SOC2-INCIDENT", ControlStatus.MET,
                "AI incident playbook v1.2", "Tabletop exercise 2026-02-20, minutes in GRC-118", ACTOR);
        compliance.recordControl("refunds-agent", "GDPR-PROCESSOR", ControlStatus.MET,
                "OpenAI DPA signed 2025-11-03; zero data retention enabled", "Contracts folder: VEN-0051", ACTOR);
        compliance.recordControl("refunds-agent", "GDPR-MINIMISATION", ControlStatus.MET,
                "Reads payment status only, never card numbers", "Policy review 2026-02-02", ACTOR);
        compliance.recordControl("refunds-agent", "EUAI-TRANSPARENCY", ControlStatus.MET,
                "Refund confirmation templates carry the AI disclosure", "Template library TPL-2026-07", ACTOR);
        compliance.recordControl("data-cleanup-agent", "GDPR-PROCESSOR", ControlStatus.MET, anthropicDpa,
                "Contracts folder: VEN-0042", ACTOR);
        compliance.recordControl("data-cleanup-agent", "GDPR-MINIMISATION", ControlStatus.MET,
                "Lists and deletes by id and age only; never reads session contents", "Policy review 2026-02-02",
                ACTOR);
        compliance.recordControl("data-cleanup-agent", "GDPR-ERASURE", ControlStatus.MET,
                "This agent runs the erasure runbook's purge jobs", "Runbook OPS-RET-004", ACTOR);
        compliance.recordControl("data-cleanup-agent", "CCPA-DELETE", ControlStatus.MET,
                "Deletion requests are queued to this agent's purge jobs", "Runbook OPS-RET-004", ACTOR);
        compliance.recordControl("data-cleanup-agent", "CCPA-NO-SALE", ControlStatus.NOT_APPLICABLE,
                "Session data is purged, never sent to the model: the agent sees only counts and ids", "", ACTOR);
    }

    private static String sample(String file) {
        try (InputStream in = PolicyDemoSeed.class.getResourceAsStream("policies/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo policy " + file + " is missing", e);
        }
    }
}
