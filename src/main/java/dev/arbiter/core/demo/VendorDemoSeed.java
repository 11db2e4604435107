package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.ModelRole;
import dev.arbiter.core.agent.TestEvidence;
import dev.arbiter.core.vendor.FallbackBehaviour;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.TrainingUse;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorKind;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo's vendor register (issue 17): the two LLM providers the demo agents run on and a tool
 * vendor, with the gaps a first review finds (one provider without a DPA and with an overdue review),
 * a fallback plan for each demo agent, and one model change waiting for approval, so the Vendors
 * screen and the readiness "Vendor Management" evidence show something real on {@code ./arbiter}.
 */
final class VendorDemoSeed implements DemoSeed {

    private static final String ACTOR = "demo";

    @Override
    public void seed(Workspace ws) {
        LocalDate today = ws.vendors().today();
        ws.vendors().add(new VendorDetails("anthropic", "Anthropic", VendorKind.LLM, today.minusMonths(14),
                "Contracts folder: VEN-0107 (DPA, signed)", TrainingUse.NO, "US; EU processing on request",
                List.of("SOC 2 Type II", "ISO 27001", "ISO 42001"), "privacy@anthropic.example",
                today.plusMonths(4), null, "Commercial terms exclude training on customer content."), ACTOR);
        ws.vendors().add(new VendorDetails("openai", "OpenAI", VendorKind.LLM, null, "", TrainingUse.UNKNOWN, "US",
                List.of("SOC 2 Type II"), "vendor-security@openai.example", today.minusDays(20), RiskRating.HIGH,
                "DPA under negotiation with Legal; API data-use terms to be confirmed in writing."), ACTOR);
        ws.vendors().add(new VendorDetails("zendesk", "Zendesk", VendorKind.TOOL, today.minusMonths(30),
                "Contracts folder: VEN-0042", TrainingUse.NO, "EU (Frankfurt)", List.of("ISO 27001"),
                "Account manager: Ines Duarte", today.plusMonths(9), null, "Ticketing API used by the support agent."),
                ACTOR);

        ws.providerPlans().setFallback(DemoAgents.SUPPORT,
                new FallbackBehaviour.NotifyHumans("Support on-call rota (#support-oncall)"), "", ACTOR);
        ws.providerPlans().setFallback(DemoAgents.REFUNDS, new FallbackBehaviour.QueueActions(), "", ACTOR);
        ws.providerPlans().setFallback(DemoAgents.CLEANUP,
                new FallbackBehaviour.RuleBased("nightly retention cron (retention-schedule v7)"), "", ACTOR);

        ws.modelChanges().request(DemoAgents.REFUNDS, ModelRole.PINNED, "gpt-4o-2024-11-20",
                "The 2024-08-06 snapshot is scheduled for retirement; the newer snapshot follows refund limits "
                        + "more closely in our evals.",
                new TestEvidence.Reference("CI run #4127: refunds agent suite, 212 tests passing on gpt-4o-2024-11-20"),
                "Marcus Lee");
    }
}
