package dev.arbiter.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.SamplePolicies;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceMapTest {

    @TempDir
    Path dir;
    Workspace ws;
    ComplianceMap compliance;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        compliance = ws.compliance();
        ws.policies().save(SamplePolicies.GUIDE, "alice", null, true);
        agent("support-agent-v2", Set.of(DataClass.PII), "customer-support-agent");
        agent("triage-agent", Set.of(DataClass.PHI), "customer-support-agent");
        agent("public-faq-agent", Set.of(DataClass.PUBLIC), null);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void agent(String id, Set<DataClass> classes, String policy) {
        ws.agents().add(new AgentProfile(id, id, "owner", "", "Anthropic", "claude-sonnet-4-5-20250929", "", classes,
                DailyBudget.NONE, policy, null), "alice");
    }

    private static Coverage coverageOf(CoverageCell cell, String requirementId) {
        return cell.requirements().stream().filter(r -> r.requirement().id().equals(requirementId)).findFirst()
                .orElseThrow().coverage();
    }

    @Test
    void theCatalogHoldsTheGuidesRegulations() {
        assertThat(compliance.catalog()).extracting(Regulation::id)
                .containsExactly("GDPR", "CCPA", "SOC2", "HIPAA", "PCI-DSS", "FINRA", "EU-AI-ACT");
        assertThat(compliance.catalog()).allSatisfy(r -> assertThat(r.requirements()).isNotEmpty());
    }

    @Test
    void anAgentTouchingPhiMustMeetHipaa() {
        CoverageCell hipaa = compliance.cell("triage-agent", "HIPAA");

        assertThat(hipaa.coverage()).isEqualTo(Coverage.GAP);
        assertThat(coverageOf(hipaa, "HIPAA-BAA")).isEqualTo(Coverage.GAP);
        assertThat(coverageOf(hipaa, "HIPAA-MIN-NECESSARY")).isEqualTo(Coverage.MET);
        assertThat(coverageOf(hipaa, "HIPAA-AUDIT")).isEqualTo(Coverage.MET);
        RequirementCoverage audit = hipaa.requirements().stream()
                .filter(r -> r.requirement().id().equals("HIPAA-AUDIT")).findFirst().orElseThrow();
        assertThat(audit.automatic()).isTrue();
        assertThat(audit.why()).isEqualTo("the agent touches PHI data");
        assertThat(audit.evidence()).contains("customer-support-agent v1");

        assertThat(compliance.cell("support-agent-v2", "HIPAA").coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
    }

    @Test
    void actionsTheAgentsPolicyAllowsBringInRequirements() {
        CoverageCell aiAct = compliance.cell("support-agent-v2", "EU-AI-ACT");
        RequirementCoverage transparency = aiAct.requirements().stream()
                .filter(r -> r.requirement().id().equals("EUAI-TRANSPARENCY")).findFirst().orElseThrow();
        assertThat(transparency.coverage()).isEqualTo(Coverage.GAP);
        assertThat(transparency.why()).isEqualTo("its policy allows send:email_template");
        assertThat(compliance.cell("public-faq-agent", "EU-AI-ACT").coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
    }

    @Test
    void withoutAPolicyAutomaticChecksFail() {
        CoverageCell soc2 = compliance.cell("public-faq-agent", "SOC2");
        assertThat(coverageOf(soc2, "SOC2-MONITORING")).isEqualTo(Coverage.GAP);
        assertThat(coverageOf(soc2, "SOC2-CHANGE-MGMT")).isEqualTo(Coverage.MET);
    }

    @Test
    void recordingAControlClosesTheGapAndIsAudited() {
        compliance.recordControl("triage-agent", "HIPAA-BAA", ControlStatus.MET, "BAA with Anthropic",
                "signed 2026-01-12", "alice");

        CoverageCell hipaa = compliance.cell("triage-agent", "HIPAA");
        assertThat(hipaa.coverage()).isEqualTo(Coverage.MET);
        assertThat(hipaa.describe()).isEqualTo("met (4)");
        var last = ws.auditReader().newest(AuditQuery.all(), 1).get(0).entry();
        assertThat(last.event()).isEqualTo("compliance.control_recorded");
        assertThat(last.agentId()).isEqualTo("triage-agent");
        assertThat(last.detail()).contains("\"requirement\":\"HIPAA-BAA\"", "\"status\":\"met\"");

        compliance.removeControl("triage-agent", "HIPAA-BAA", "alice");
        assertThat(compliance.cell("triage-agent", "HIPAA").coverage()).isEqualTo(Coverage.GAP);
        assertThat(ws.auditReader().newest(AuditQuery.all(), 1).get(0).entry().event())
                .isEqualTo("compliance.control_removed");
    }

    @Test
    void aRequirementCanBeMarkedNotApplicableWithAReason() {
        compliance.recordControl("support-agent-v2", "EUAI-TRANSPARENCY", ControlStatus.NOT_APPLICABLE,
                "Emails go to business partners only, never to consumers", "", "alice");
        RequirementCoverage r = compliance.cell("support-agent-v2", "EU-AI-ACT").requirements().stream()
                .filter(q -> q.requirement().id().equals("EUAI-TRANSPARENCY")).findFirst().orElseThrow();
        assertThat(r.coverage()).isEqualTo(Coverage.NOT_APPLICABLE);
        assertThat(r.why()).isEqualTo("marked not applicable: Emails go to business partners only, never to consumers");
        assertThatThrownBy(() -> compliance.recordControl("support-agent-v2", "EUAI-TRANSPARENCY",
                ControlStatus.MET, " ", "", "alice")).hasMessage("Describe the control that meets the requirement.");
    }

    @Test
    void theMatrixPutsAgentsWithTheMostGapsFirst() {
        compliance.recordControl("triage-agent", "HIPAA-BAA", ControlStatus.MET, "BAA", "", "alice");
        CoverageMatrix matrix = compliance.matrix();

        assertThat(matrix.rows()).extracting(r -> r.agent().id() + ":" + r.gaps())
                .isSortedAccordingTo((a, b) -> Integer.compare(
                        Integer.parseInt(b.substring(b.indexOf(':') + 1)),
                        Integer.parseInt(a.substring(a.indexOf(':') + 1))));
        CoverageMatrix.Row first = matrix.rows().get(0);
        assertThat(first.gaps()).isEqualTo(matrix.rows().stream().mapToInt(CoverageMatrix.Row::gaps).max().orElseThrow());
        assertThat(matrix.rows()).extracting(r -> r.cell("FINRA").coverage()).containsOnly(Coverage.NOT_APPLICABLE);
        assertThat(matrix.totalGaps()).isPositive();
    }

    @Test
    void usersCanExtendTheCatalog() {
        compliance.addRegulation("ISO-42001", "ISO/IEC 42001", "AI management system", "alice");
        compliance.addRequirement("ISO42001-INVENTORY", "ISO-42001", "AI system inventory", "Every agent is listed",
                new Applicability(true, Set.of(), List.of()), "alice");
        compliance.addRequirement("GDPR-DPIA", "GDPR", "Data protection impact assessment", "",
                new Applicability(false, Set.of(), List.of(ActionPattern.parse("send:*"))), "alice");

        assertThat(compliance.catalog()).extracting(Regulation::id).endsWith("ISO-42001");
        assertThat(compliance.cell("public-faq-agent", "ISO-42001").coverage()).isEqualTo(Coverage.GAP);
        assertThat(compliance.cell("support-agent-v2", "GDPR").requirements())
                .extracting(r -> r.requirement().id()).contains("GDPR-DPIA");
        assertThatThrownBy(() -> compliance.addRegulation("gdpr", "dup", "", "alice"))
                .hasMessage("The catalog already has a regulation gdpr.");
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "compliance.requirement_added", null)))
                .isEqualTo(2);
    }
}
