package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Issue 12 §1: the test benches (CLI and desktop: {@link RequestValidator} then
 * {@link PolicyEvaluator}) and the engine behind the gateway (a real workspace,
 * a real SQLite file) give the same answer for every generated policy and
 * spelling, and the ledger records what was sent beside what was matched.
 */
class BenchAndEngineAgreeTest {

    static final String AGENT = "generated-agent";

    Path dir;
    Workspace ws;

    @BeforeProperty
    void open() throws IOException {
        dir = Files.createTempDirectory("arbiter-agree");
        ws = TestWorkspaces.open(dir);
        ws.policies().save("agent_policy:\n  name: generated\n  allowed_actions:\n    - read:x\n", "test", null, true);
        ws.agents().add(new AgentProfile(AGENT, "Generated", "Tests", "", "", "", "", Set.of(), DailyBudget.NONE,
                "generated", null), "test");
    }

    @AfterProperty
    void close() throws IOException {
        ws.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<CanonicalDecisionPropertiesTest.GeneratedPolicy> policies() {
        return CanonicalDecisionPropertiesTest.policies();
    }

    @Provide
    Arbitrary<String> spellings() {
        return Spellings.ofBases().filter(s -> !s.isBlank());
    }

    @Property(tries = 200)
    void theBenchAndTheEngineAlwaysAgree(@ForAll("policies") CanonicalDecisionPropertiesTest.GeneratedPolicy policy,
                                         @ForAll("spellings") String sent) {
        ws.policies().save(policy.yaml(), "test", null, true);
        AgentPolicy inForce = ws.policies().inForce("generated", null).orElseThrow().policy();

        ActionRequest benchRequest = ActionRequest.of(sent);
        Optional<RequestProblem> refused = RequestValidator.problemWith(benchRequest);
        Evaluation bench = new PolicyEvaluator().evaluate(inForce, benchRequest);
        Decision engine = ws.decisions().decide(DecisionRequest.of(AGENT, sent)).join();

        if (refused.isPresent()) {
            assertThat(refused.get().field()).isEqualTo("action");
            assertThat(engine.verdict()).as("refused %s", sent).isEqualTo(Verdict.DENY);
            assertThat(engine.reasonCode()).isEqualTo(ReasonCode.NOT_ALLOWED);
            return;
        }
        assertThat(engine.reasonCode()).as("%s under %s", sent, policy).isEqualTo(bench.code());
        assertThat(engine.action()).isEqualTo(bench.action().text());
        LedgerEntry entry = ws.auditReader().forTrace(engine.traceId()).get(0);
        assertThat(entry.entry().action()).isEqualTo(bench.action().text());
        if (!sent.equals(bench.action().text())) {
            assertThat(entry.entry().detail()).contains("\"action_sent\"");
        }
    }

}
