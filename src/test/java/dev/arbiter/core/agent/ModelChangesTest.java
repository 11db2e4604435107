package dev.arbiter.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelChangesTest {

    static final String FROM = "claude-sonnet-4-5-20250929";
    static final String TO = "claude-sonnet-4-6-20260115";

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    private Workspace seeded(StoreKind.Place place) {
        Workspace ws = place.open(1, clock);
        ws.agents().add(new AgentProfile("support", "Support", "Ops", "", "Anthropic", FROM,
                "claude-haiku-4-5-20251001", Set.of(), DailyBudget.NONE, null, null), "setup");
        return ws;
    }

    private Path junit(String name, int tests, int failures) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"a\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"1\"/><testsuite name=\"b\" tests=\"2\" "
                + "failures=\"0\" errors=\"0\"/></testsuites>");
        return f;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void requestApproveApplyChangesTheAgentAndAuditsEveryStep(StoreKind kind) throws Exception {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            TestEvidence evidence = ModelChanges.junitReport(junit("run.xml", 14, 0));
            assertThat(evidence.describe()).contains("16 tests, 0 failures, 0 errors, 1 skipped");
            ModelChangeRequest r = ws.modelChanges().request("SUPPORT", ModelRole.PINNED, TO, "4.5 is retired",
                    evidence, "alice");
            assertThat(r.status()).isEqualTo(ModelChangeStatus.REQUESTED);
            assertThat(r.fromModel()).isEqualTo(FROM);
            assertThat(ws.agents().find("support").orElseThrow().profile().model()).isEqualTo(FROM);

            ModelChangeRequest approved = ws.modelChanges().approve(r.id(), "looks fine", "bob");
            assertThat(approved.status()).isEqualTo(ModelChangeStatus.APPROVED);
            assertThat(approved.decidedBy()).isEqualTo("bob");
            assertThat(approved.selfApproved()).isFalse();
            assertThat(ws.agents().find("support").orElseThrow().profile().model()).isEqualTo(FROM);

            ModelChangeRequest applied = ws.modelChanges().apply(r.id(), "carol");
            assertThat(applied.status()).isEqualTo(ModelChangeStatus.APPLIED);
            assertThat(applied.evidence()).isEqualTo(evidence);
            assertThat(ws.agents().find("support").orElseThrow().profile().model()).isEqualTo(TO);

            List<String> events = ws.auditReader().newest(AuditQuery.all(), 10).stream()
                    .map(e -> e.entry().event() + "/" + e.entry().actor()).toList();
            assertThat(events).startsWith("agent.model_changed/carol", "model_change.approved/bob",
                    "model_change.requested/alice");
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyStepOutsideTheStateMachineIsRefusedAndChangesNothing(StoreKind kind) throws Exception {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            ModelChanges mc = ws.modelChanges();
            TestEvidence ref = new TestEvidence.Reference("CI run #4711");
            ModelChangeRequest r = mc.request("support", ModelRole.PINNED, TO, "upgrade", ref, "alice");
            long head = ws.ledger().headSeq();
            assertThatThrownBy(() -> mc.apply(r.id(), "bob")).isInstanceOf(ModelChangeException.class)
                    .hasMessage("Request #" + r.id() + " is already requested; approve it first");
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, "claude-sonnet-4-7-20260301", "again",
                    ref, "alice")).hasMessageContaining("already has an open request for its pinned model: #" + r.id());
            assertThatThrownBy(() -> mc.reject(r.id(), " ", "bob")).hasMessageStartingWith("reason: required");
            assertThat(ws.ledger().headSeq()).isEqualTo(head);

            mc.reject(r.id(), "no staging run", "bob");
            assertThatThrownBy(() -> mc.approve(r.id(), null, "carol"))
                    .hasMessageContaining("is already rejected by bob").hasMessageContaining("it is final");
            assertThatThrownBy(() -> mc.apply(r.id(), "carol")).hasMessageContaining("already rejected");
            assertThat(ws.agents().find("support").orElseThrow().profile().model()).isEqualTo(FROM);

            ModelChangeRequest second = mc.request("support", ModelRole.PINNED, TO, "upgrade", ref, "alice");
            mc.approve(second.id(), "", "alice");
            assertThat(mc.get(second.id()).selfApproved()).isTrue();
            assertThatThrownBy(() -> mc.approve(second.id(), "", "bob")).hasMessageContaining("already approved by alice");
            mc.apply(second.id(), "alice");
            assertThatThrownBy(() -> mc.apply(second.id(), "alice")).hasMessageContaining("already applied by alice");
            assertThatThrownBy(() -> mc.reject(second.id(), "late", "bob")).hasMessageContaining("already applied");
            assertThatThrownBy(() -> mc.get(999)).hasMessageContaining("no model change request 999");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void requestsNeedAPinnedVersionAReasonAndPassingEvidence(StoreKind kind) throws Exception {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            ModelChanges mc = ws.modelChanges();
            TestEvidence ok = new TestEvidence.Reference("CI run #4711");
            for (String floating : List.of("claude-sonnet-latest", "gpt-4o:LATEST", "llama3:stable", "claude-sonnet",
                    "gpt-4.x", "^1.2", " ", "gpt 4o")) {
                assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, floating, "x", ok, "a"))
                        .as(floating).isInstanceOf(ModelChangeException.class).hasMessageStartingWith("to: ");
            }
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, FROM, "x", ok, "a"))
                    .hasMessageContaining("already runs");
            assertThatThrownBy(() -> mc.request("support", ModelRole.FALLBACK, FROM, "x", ok, "a"))
                    .hasMessageContaining("is the pinned model itself");
            assertThatThrownBy(() -> mc.request("ghost", ModelRole.PINNED, TO, "x", ok, "a"))
                    .hasMessageContaining("no agent with id ghost");
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, TO, "", ok, "a"))
                    .hasMessageStartingWith("reason: required");
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, TO, "x", null, "a"))
                    .hasMessageStartingWith("evidence: required");
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, TO, "x",
                    ModelChanges.junitReport(junit("red.xml", 10, 2)), "a"))
                    .hasMessageContaining("shows 2 failures and 0 errors; a model change needs a passing test run");
            assertThatThrownBy(() -> mc.request("support", ModelRole.PINNED, TO, "x",
                    new TestEvidence.JUnitReport("empty.xml", 0, 0, 0, 0), "a")).hasMessageContaining("holds no tests");
            assertThatThrownBy(() -> ModelChanges.junitReport(dir.resolve("missing.xml")))
                    .hasMessageContaining("is not a file");
            Path broken = Files.writeString(dir.resolve("broken.xml"), "<testsuites>\n<testsuite tests=\"3\">");
            assertThatThrownBy(() -> ModelChanges.junitReport(broken)).hasMessageContaining("line 2");
            Path html = Files.writeString(dir.resolve("page.xml"), "<html/>");
            assertThatThrownBy(() -> ModelChanges.junitReport(html)).hasMessageContaining("root is <html>");
            Path xxe = Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e "
                    + "SYSTEM \"file:///etc/passwd\">]><testsuite tests=\"1\">&e;</testsuite>");
            assertThatThrownBy(() -> ModelChanges.junitReport(xxe)).isInstanceOf(ModelChangeException.class);
            Path negative = Files.writeString(dir.resolve("neg.xml"), "<testsuite name=\"n\" tests=\"-1\"/>");
            assertThatThrownBy(() -> ModelChanges.junitReport(negative)).hasMessageContaining("not a count");
            assertThat(mc.list(null)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aDirectModelChangeIsRefusedButTheFirstPinIsAPlainEdit(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            AgentProfile p = ws.agents().find("support").orElseThrow().profile();
            assertThatThrownBy(() -> ws.agents().update(ModelRole.PINNED.with(p, TO), "alice"))
                    .isInstanceOfSatisfying(InvalidAgentException.class, e -> assertThat(e.problems().get(0))
                            .isEqualTo(new FieldProblem("model", "the pinned model " + FROM + " changes only "
                                    + "through a change request with evidence it was tested: arbiter agent model "
                                    + "request support --to VERSION --reason TEXT --evidence FILE, or the Vendors "
                                    + "screen")));
            assertThatThrownBy(() -> ws.agents().update(ModelRole.FALLBACK.with(p, ""), "alice"))
                    .hasMessageContaining("fallbackModel: the fallback model claude-haiku-4-5-20251001 changes only");
            ws.agents().add(new AgentProfile("new-bot", "New", "Ops", "", "", "", "", Set.of(), DailyBudget.NONE,
                    null, null), "alice");
            AgentProfile fresh = ws.agents().find("new-bot").orElseThrow().profile();
            ws.agents().update(ModelRole.PINNED.with(fresh, "gpt-4o-2024-08-06"), "alice");
            assertThat(ws.agents().find("new-bot").orElseThrow().profile().model()).isEqualTo("gpt-4o-2024-08-06");
            assertThatThrownBy(() -> ws.agents().add(new AgentProfile("x-bot", "X", "Ops", "", "", "gpt-4o-latest", "",
                    Set.of(), DailyBudget.NONE, null, null), "alice")).hasMessageContaining("model: pin an exact");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRequestOverTakenByAnotherChangeCannotBeApplied(StoreKind kind) {
        try (Workspace ws = seeded(kind.fresh(dir))) {
            ModelChanges mc = ws.modelChanges();
            TestEvidence ref = new TestEvidence.Reference("CI run #1");
            long fallback = mc.request("support", ModelRole.FALLBACK, "claude-haiku-4-6-20260201", "newer", ref, "a").id();
            long pinned = mc.request("support", ModelRole.PINNED, TO, "newer", ref, "a").id();
            mc.approve(pinned, "", "b");
            mc.apply(pinned, "b");
            mc.approve(fallback, "", "b");
            mc.apply(fallback, "b");
            AgentProfile now = ws.agents().find("support").orElseThrow().profile();
            assertThat(now.model()).isEqualTo(TO);
            assertThat(now.fallbackModel()).isEqualTo("claude-haiku-4-6-20260201");

            long stale = mc.request("support", ModelRole.PINNED, "claude-opus-4-1-20250805", "x", ref, "a").id();
            mc.approve(stale, "", "b");
            // another process moved the agent meanwhile (simulated by applying a second request on the fallback role
            // is not possible while one is open, so a retired agent stands for "no longer what was tested")
            ws.agents().retire("support", "replaced", "ops");
            assertThatThrownBy(() -> mc.apply(stale, "b")).hasMessageContaining("is retired; reject request #" + stale);
            assertThat(mc.get(stale).status()).isEqualTo(ModelChangeStatus.APPROVED);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoReviewersInTwoProcessesApprovingAtOnceOneWinsTheOtherIsTold(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace one = seeded(place); Workspace two = place.open(2, clock)) {
            long head0 = one.ledger().headSeq();
            long id = one.modelChanges().request("support", ModelRole.PINNED, TO, "x",
                    new TestEvidence.Reference("CI run #9"), "alice").id();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (Workspace ws : List.of(one, two)) {
                    String reviewer = ws == one ? "bob" : "carol";
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            ws.modelChanges().approve(id, "", reviewer);
                            return "won";
                        } catch (ModelChangeException e) {
                            return e.getMessage();
                        }
                    }));
                }
                go.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
                assertThat(outcomes).filteredOn(s -> !s.equals("won")).singleElement().asString()
                        .containsAnyOf("already approved by bob", "already approved by carol", "changed meanwhile");
            } finally {
                pool.shutdownNow();
            }
            assertThat(one.ledger().headSeq()).isEqualTo(head0 + 2);
        }
    }
}
