package dev.arbiter.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.SamplePolicies;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistryTest {

    @TempDir
    Path dir;
    Workspace workspace;
    AgentRegistry agents;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        agents = workspace.agents();
        workspace.policies().save(SamplePolicies.GUIDE, "alice", null, true);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    static AgentProfile support() {
        return new AgentProfile("support-agent-v2", "Support agent", "Dana Reyes (Support Ops)",
                "Answers order questions", "Anthropic", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001",
                Set.of(DataClass.PII), new DailyBudget(800_000L, new BigDecimal("25"), 80), "customer-support-agent",
                null);
    }

    private List<LedgerEntry> ledger() {
        return oldestFirst(workspace.auditReader().newest(AuditQuery.all(), 100));
    }

    static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> copy = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void anAddedAgentIsActiveStoredAndAudited() {
        Agent added = agents.add(support(), "alice");

        assertThat(added.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents.find("support-agent-v2")).get().extracting(Agent::profile).isEqualTo(support());
        LedgerEntry last = ledger().get(ledger().size() - 1);
        assertThat(last.entry().event()).isEqualTo("agent.added");
        assertThat(last.entry().agentId()).isEqualTo("support-agent-v2");
        assertThat(last.entry().actor()).isEqualTo("alice");
        assertThat(last.entry().detail()).contains("\"policy\":\"customer-support-agent (active version)\"");
    }

    @Test
    void theRegistrySurvivesAReopen() {
        agents.add(support(), "alice");
        workspace.close();
        workspace = TestWorkspaces.open(dir);
        assertThat(workspace.agents().find("support-agent-v2")).get().extracting(Agent::profile).isEqualTo(support());
    }

    @Test
    void problemsNameTheField() {
        AgentProfile bad = new AgentProfile("bad id", "", "", "", "OpenAI", "gpt-4o-latest", "", Set.of(),
                DailyBudget.NONE, "no-such-policy", null);

        assertThatThrownBy(() -> agents.add(bad, "alice")).isInstanceOfSatisfying(InvalidAgentException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .containsExactly("id", "name", "owner", "model", "policy"));
        assertThat(agents.list("", true)).isEmpty();
        assertThat(agents.problemsWith(support().withPolicy("customer-support-agent", 9), true))
                .containsExactly(new FieldProblem("policyVersion", "customer-support-agent has no version 9"));
    }

    @Test
    void idsAreNeverReused() {
        agents.add(support(), "alice");
        agents.retire("support-agent-v2", "replaced by v3", "alice");
        assertThat(agents.problemsWith(support(), true)).containsExactly(new FieldProblem("id",
                "an agent with id support-agent-v2 already exists (retired; ids are never reused)"));
    }

    @Test
    void editsRecordWhatChangedFromAndTo() {
        agents.add(support(), "alice");
        AgentProfile edited = new AgentProfile("support-agent-v2", "Support agent", "Dana Reyes (Support Ops)",
                "Answers order questions", "Anthropic", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001",
                Set.of(DataClass.PII, DataClass.FINANCIAL), support().budget(), "customer-support-agent", 1);

        // the pinned model is not edited here: it changes only through a change request (ModelChangesTest)
        agents.update(edited, "bob");

        assertThat(agents.find("support-agent-v2").orElseThrow().profile()).isEqualTo(edited);
        LedgerEntry last = ledger().get(ledger().size() - 1);
        assertThat(last.entry().event()).isEqualTo("agent.updated");
        assertThat(last.entry().detail()).isEqualTo("{\"changes\":{"
                + "\"data_classes\":{\"from\":[\"PII\"],\"to\":[\"PII\",\"Financial\"]},"
                + "\"policy\":{\"from\":\"customer-support-agent (active version)\",\"to\":\"customer-support-agent v1\"}}}");
    }

    @Test
    void pauseResumeAndRetireAreAuditedWithTheirReason() {
        agents.add(support(), "alice");

        agents.pause("support-agent-v2", "odd refund pattern", "bob");
        assertThat(agents.find("support-agent-v2").orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
        assertThatThrownBy(() -> agents.pause("support-agent-v2", "again", "bob"))
                .hasMessage("support-agent-v2 is already paused.");
        agents.resume("support-agent-v2", "pattern explained", "bob");
        agents.retire("support-agent-v2", "replaced", "bob");
        assertThatThrownBy(() -> agents.resume("support-agent-v2", "oops", "bob"))
                .hasMessage("support-agent-v2 is retired; a retired agent cannot be resumed.");
        assertThatThrownBy(() -> agents.pause("ghost", "x", "bob")).hasMessage("There is no agent with id ghost.");
        assertThatThrownBy(() -> agents.pause("support-agent-v2", " ", "bob"))
                .hasMessage("A reason is required to pause an agent.");

        assertThat(ledger()).extracting(e -> e.entry().event()).endsWith(
                "agent.added", "agent.paused", "agent.resumed", "agent.retired");
        assertThat(ledger().get(ledger().size() - 3).entry().detail())
                .isEqualTo("{\"reason\":\"odd refund pattern\",\"previous\":\"active\"}");
    }

    @Test
    void searchLooksAtEveryFieldAndHidesRetiredAgentsUnlessAsked() {
        agents.add(support(), "alice");
        agents.add(new AgentProfile("refunds-agent", "Refunds", "Finance Ops", "Issues refunds", "OpenAI",
                "gpt-4o-2024-08-06", "", Set.of(DataClass.FINANCIAL), DailyBudget.NONE, null, null), "alice");

        assertThat(agents.list("finance", false)).extracting(Agent::id).containsExactly("refunds-agent");
        assertThat(agents.list("SONNET", false)).extracting(Agent::id).containsExactly("support-agent-v2");
        assertThat(agents.list("", false)).hasSize(2);

        agents.retire("refunds-agent", "merged into support", "alice");
        assertThat(agents.list("", false)).extracting(Agent::id).containsExactly("support-agent-v2");
        assertThat(agents.list("", true)).extracting(Agent::id).containsExactly("support-agent-v2", "refunds-agent");
        assertThat(agents.usingPolicy("customer-support-agent")).extracting(Agent::id)
                .containsExactly("support-agent-v2");
    }
}
