package dev.arbiter.core.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VendorRegisterTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    static VendorDetails anthropic() {
        return new VendorDetails("", "Anthropic", VendorKind.LLM, LocalDate.parse("2025-03-01"), "contracts/anthropic-dpa.pdf",
                TrainingUse.NO, "US, EU", List.of("SOC 2 Type II", "ISO 27001"), "privacy@anthropic.example",
                LocalDate.parse("2027-03-01"), null, "Enterprise plan");
    }

    static VendorDetails openai() {
        return new VendorDetails("openai", "OpenAI", VendorKind.LLM, null, "", TrainingUse.UNKNOWN, "", List.of(), "",
                LocalDate.parse("2026-06-30"), null, "");
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void addEditRemoveAreAuditedAndAnotherProcessSeesThem(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace one = place.open(1, clock); Workspace two = place.open(2, clock)) {
            Vendor added = one.vendors().add(anthropic(), "alice");
            assertThat(added.id()).isEqualTo("anthropic");
            one.vendors().add(openai(), "alice");

            Vendor seen = two.vendors().get("ANTHROPIC");
            assertThat(seen.details()).isEqualTo(added.details());
            assertThat(two.vendors().list()).extracting(Vendor::name).containsExactly("Anthropic", "OpenAI");

            VendorDetails d = seen.details();
            two.vendors().update(new VendorDetails(d.id(), d.name(), d.kind(), d.dpaSigned(), d.dpaFile(),
                    TrainingUse.YES, d.residency(), d.certifications(), d.contact(), d.reviewDue(), RiskRating.MEDIUM,
                    d.notes()), "bob");
            assertThat(one.vendors().get("anthropic").details().training()).isEqualTo(TrainingUse.YES);

            one.vendors().remove("openai", "contract ended", "carol");
            assertThat(two.vendors().find("openai")).isEmpty();

            var events = one.auditReader().newest(AuditQuery.all(), 50).stream()
                    .filter(e -> e.entry().event().startsWith("vendor.")).map(e -> e.entry().event()
                            + "/" + e.entry().actor()).toList();
            assertThat(events).containsExactlyInAnyOrder("vendor.added/alice", "vendor.added/alice",
                    "vendor.updated/bob", "vendor.removed/carol");
            String updated = one.auditReader().newest(AuditQuery.all(), 50).stream()
                    .filter(e -> e.entry().event().equals("vendor.updated")).findFirst().orElseThrow()
                    .entry().detail();
            assertThat(updated).contains("training").contains("\"from\":\"no\"").contains("\"to\":\"yes\"")
                    .doesNotContain("residency");
            assertThat(one.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void badInputIsRefusedPerFieldAndNothingIsWritten(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            ws.vendors().add(anthropic(), "alice");
            long head = ws.ledger().headSeq();
            VendorDetails bad = new VendorDetails("Bad Key!", " anthropic ", null, LocalDate.parse("2026-12-25"), "",
                    TrainingUse.NO, "x".repeat(301), List.of("SOC 2, ISO 27001"), "a\u0007b",
                    LocalDate.parse("2040-01-01"), null, "");
            assertThatThrownBy(() -> ws.vendors().add(bad, "alice"))
                    .isInstanceOfSatisfying(InvalidVendorException.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::field).contains("id", "name", "kind", "dpaSigned", "dpaFile",
                                    "residency", "certifications", "contact", "reviewDue"));
            assertThatThrownBy(() -> ws.vendors().add(VendorDetails.named("", "ANTHROPIC", VendorKind.LLM), "a"))
                    .hasMessageContaining("name: vendor Anthropic (anthropic) already has this name");
            assertThatThrownBy(() -> ws.vendors().add(VendorDetails.named("other", "anthropic", VendorKind.TOOL), "a"))
                    .hasMessageContaining("already has this name");
            assertThatThrownBy(() -> ws.vendors().add(new VendorDetails("x", "X", VendorKind.TOOL, null, "file.pdf",
                    TrainingUse.NO, "", List.of(), "", null, null, ""), "a"))
                    .hasMessageContaining("dpaSigned: enter the date the DPA was signed");
            assertThatThrownBy(() -> ws.vendors().remove("nobody", "x", "a"))
                    .hasMessageContaining("There is no vendor nobody");
            assertThatThrownBy(() -> ws.vendors().remove("anthropic", " ", "a")).hasMessageStartingWith("reason:");
            assertThat(ws.ledger().headSeq()).isEqualTo(head);
            assertThat(ws.vendors().list()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aVendorAgentsNameCannotBeRemovedAndPlansShowTheStrategy(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            ws.vendors().add(anthropic(), "alice");
            ws.vendors().add(openai(), "alice");
            ws.agents().add(agent("support", "anthropic", "claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06"), "a");
            ws.agents().add(agent("cleanup", "Anthropic", "claude-haiku-4-5-20251001", ""), "a");
            ws.agents().add(agent("triage", "Acme AI", "acme-7b-v2", "acme-3b-v2"), "a");

            assertThatThrownBy(() -> ws.vendors().remove("anthropic", "x", "a"))
                    .hasMessageContaining("still the vendor of cleanup, support");
            assertThat(ws.vendors().agentsUsing(ws.vendors().get("anthropic"))).hasSize(2);

            ws.providerPlans().setFallback("support", new FallbackBehaviour.NotifyHumans("#ops-oncall"), "OpenAI", "a");
            ws.providerPlans().setFallback("triage", new FallbackBehaviour.QueueActions(), "", "a");
            assertThatThrownBy(() -> ws.providerPlans().setFallback("triage", new FallbackBehaviour.QueueActions(),
                    "nobody-ai", "a")).hasMessageContaining("nobody-ai is not in the register");

            var plans = ws.providerPlans().all();
            assertThat(plans).extracting(p -> p.agent().id() + ":" + p.strategy()).containsExactly(
                    "cleanup:SINGLE_MODEL", "support:MULTI_PROVIDER", "triage:SINGLE_PROVIDER_WITH_FALLBACK");
            AgentProviderPlan support = ws.providerPlans().of("support");
            assertThat(support.vendor().map(Vendor::id)).contains("anthropic");
            assertThat(support.fallbackVendor().map(Vendor::id)).contains("openai");
            assertThat(support.fallbackDescription()).isEqualTo("notify humans (#ops-oncall)");
            assertThat(ws.providerPlans().of("triage").vendor()).isEmpty();
            assertThat(ws.auditReader().newest(AuditQuery.all(), 5).get(0).entry().event())
                    .isEqualTo("agent.fallback_set");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void renamingAVendorKeepsEveryAgentThatNamedItLinkedAcrossProcesses(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace one = place.open(1, clock); Workspace two = place.open(2, clock)) {
            one.vendors().add(new VendorDetails("acme", "Acme AI", VendorKind.LLM, null, "", TrainingUse.NO, "",
                    List.of(), "", null, null, ""), "alice");
            one.agents().add(agent("by-name", "Acme AI", "acme-7b-v2", ""), "a");
            one.agents().add(agent("by-spelling", "  ACME ai ", "acme-7b-v2", ""), "a");
            one.agents().add(agent("by-id", "acme", "acme-7b-v2", ""), "a");
            one.agents().add(agent("elsewhere", "Acme AI Labs", "acme-7b-v2", ""), "a");
            one.agents().add(agent("retired", "Acme AI", "acme-7b-v2", ""), "a");
            one.agents().retire("retired", "replaced", "a");
            long before = one.ledger().headSeq();

            two.vendors().update(renamed(two.vendors().get("acme").details(), "Acme Intelligence"), "bob");
            two.vendors().update(renamed(two.vendors().get("acme").details(), "Acme Labs"), "bob");

            Vendor acme = one.vendors().get("acme");
            assertThat(acme.name()).isEqualTo("Acme Labs");
            // process one's agent cache follows two's change once the change notice arrives
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(one.agents().find("by-name").orElseThrow().profile().vendor()).isEqualTo("acme"));
            assertThat(one.vendors().agentsUsing(acme)).extracting(a -> a.id())
                    .containsExactlyInAnyOrder("by-name", "by-spelling", "by-id");
            assertThat(one.vendorOverview().unregistered()).extracting(p -> p.agent().id())
                    .containsExactly("elsewhere");
            assertThat(one.agents().find("retired").orElseThrow().profile().vendor()).isEqualTo("Acme AI");

            var moves = one.auditReader().newest(AuditQuery.all(), 50).stream()
                    .filter(e -> e.seq() > before && e.entry().event().equals("agent.updated"))
                    .map(e -> e.entry().agentId() + "/" + e.entry().actor()).toList();
            assertThat(moves).containsExactlyInAnyOrder("by-name/bob", "by-spelling/bob");
            assertThat(one.verifier().verify().intact()).isTrue();
        }
    }

    private static VendorDetails renamed(VendorDetails d, String name) {
        return new VendorDetails(d.id(), name, d.kind(), d.dpaSigned(), d.dpaFile(), d.training(), d.residency(),
                d.certifications(), d.contact(), d.reviewDue(), d.assessedRisk(), d.notes());
    }

    @Test
    void theRiskRuleRatesTheGapsAndAPersonCanOnlyRaiseIt() {
        LocalDate today = LocalDate.parse("2026-11-30");
        VendorAssessment good = VendorRisk.assess(anthropic(), today);
        assertThat(good.findings()).isEmpty();
        assertThat(good.rating()).isEqualTo(RiskRating.LOW);

        VendorAssessment bad = VendorRisk.assess(openai(), today);
        assertThat(bad.rating()).isEqualTo(RiskRating.HIGH);
        assertThat(bad.findings()).extracting(VendorFinding::kind).containsExactly(VendorFinding.Kind.NO_DPA,
                VendorFinding.Kind.TRAINING_UNKNOWN, VendorFinding.Kind.REVIEW_OVERDUE,
                VendorFinding.Kind.NO_CERTIFICATION, VendorFinding.Kind.NO_RESIDENCY);
        assertThat(bad.findings().get(2).text()).contains("overdue since 2026-06-30 (153 days)");

        VendorDetails a = anthropic();
        VendorDetails dueToday = new VendorDetails(a.id(), a.name(), a.kind(), a.dpaSigned(), a.dpaFile(),
                a.training(), a.residency(), a.certifications(), a.contact(), today, RiskRating.LOW, a.notes());
        assertThat(VendorRisk.assess(dueToday, today).findings()).isEmpty();
        assertThat(VendorRisk.assess(dueToday, today.plusDays(1)).rating()).isEqualTo(RiskRating.MEDIUM);
        VendorDetails ratedHigh = new VendorDetails(a.id(), a.name(), a.kind(), a.dpaSigned(), a.dpaFile(),
                a.training(), a.residency(), a.certifications(), a.contact(), a.reviewDue(), RiskRating.HIGH, "");
        assertThat(VendorRisk.assess(ratedHigh, today).rating()).isEqualTo(RiskRating.HIGH);
        assertThat(VendorRisk.assess(ratedHigh, today).ruleRating()).isEqualTo(RiskRating.LOW);
        VendorDetails o = openai();
        VendorDetails ratedLowWithoutDpa = new VendorDetails(o.id(), o.name(), o.kind(), null, "", TrainingUse.NO,
                "EU", List.of("SOC 2"), "", LocalDate.parse("2027-01-01"), RiskRating.LOW, "");
        assertThat(VendorRisk.assess(ratedLowWithoutDpa, today).rating()).isEqualTo(RiskRating.HIGH);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void overdueFollowsTheClock(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            Vendor v = ws.vendors().add(anthropic(), "alice");
            assertThat(ws.vendors().assess(v).has(VendorFinding.Kind.REVIEW_OVERDUE)).isFalse();
            clock.advance(Duration.ofDays(100 + 365));
            assertThat(ws.vendors().assess(v).has(VendorFinding.Kind.REVIEW_OVERDUE)).isTrue();
        }
    }

    @Test
    void idsComeFromNames() {
        assertThat(VendorRegister.idFor("Google Cloud (Vertex AI)")).isEqualTo("google-cloud-vertex-ai");
        assertThat(VendorRegister.idFor("  ")).isEmpty();
        assertThat(VendorRegister.idFor("x".repeat(100))).hasSize(63);
    }

    private static AgentProfile agent(String id, String vendor, String model, String fallback) {
        return new AgentProfile(id, id, "Ops", "", vendor, model, fallback, Set.of(), DailyBudget.NONE, null, null);
    }
}
