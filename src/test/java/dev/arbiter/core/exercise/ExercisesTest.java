package dev.arbiter.core.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExercisesTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    static Exercise plan(Workspace ws, String playbook) {
        PlaybookLibrary.Source s = ws.playbooks().source(playbook);
        return ws.exercises().plan(new ExercisePlan("Refund loop on a Friday night", List.of("Alice", "Bob", "Fin"),
                "Fay"), s.file(), s.yaml(), "fay");
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aWholeExerciseRunsOnTheClockIsScoredAndEveryStepIsAudited(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            long head = ws.ledger().headSeq();
            Exercise e = plan(ws, "runaway-cost-loop");
            assertThat(e.status()).isEqualTo(ExerciseStatus.PLANNED);
            assertThat(e.elapsed(clock.instant())).isZero();
            assertThat(e.injectsDue(clock.instant())).isEmpty();

            e = ws.exercises().start(e.id(), "fay");
            assertThat(e.status()).isEqualTo(ExerciseStatus.RUNNING);
            assertThat(e.injectsDue(clock.instant())).extracting(Playbook.Inject::at).containsExactly(Duration.ZERO);

            clock.advance(Duration.ofMinutes(4));            // within 5m
            ws.exercises().completeStep(e.id(), 1, "alice", "paused billing-bot", "fay");
            clock.advance(Duration.ofMinutes(16));           // 20m: step 2's target was 15m → late
            e = ws.exercises().completeStep(e.id(), 2, "Bob", "", "fay");
            assertThat(e.elapsed(clock.instant())).isEqualTo(Duration.ofMinutes(20));
            assertThat(e.injectsDue(clock.instant())).hasSize(4);
            assertThat(e.nextInject(clock.instant())).isEmpty();
            assertThat(e.step(1).orElseThrow().doneBy()).isEqualTo("Alice");
            assertThat(e.step(2).orElseThrow().after(e.startedAt())).isEqualTo(Duration.ofMinutes(20));

            clock.advance(Duration.ofMinutes(5));            // 25m: within 30m
            ws.exercises().completeStep(e.id(), 3, "Fay", "", "fay");
            e = ws.exercises().end(e.id(), "Finance was not reachable", "fay");

            assertThat(e.status()).isEqualTo(ExerciseStatus.ENDED);
            assertThat(e.elapsed(clock.instant().plusSeconds(3600))).isEqualTo(Duration.ofMinutes(25));
            ExerciseScore score = e.scoreAt(clock.instant());
            assertThat(score).isEqualTo(new ExerciseScore(2, 1, 3, 33));
            assertThat(e.score()).contains(33);
            assertThat(e.findings()).isEqualTo("Finance was not reachable");
            assertThat(ws.auditReader().newest(AuditQuery.all(), 100).stream().filter(a -> a.seq() > head)
                    .sorted(java.util.Comparator.comparingLong(a -> a.seq())).map(a -> a.entry().event()).toList()).containsExactly("exercise.planned", "exercise.started",
                    "exercise.step", "exercise.step", "exercise.step", "exercise.ended");
            assertThat(ws.exercises().evidence().summary())
                    .isEqualTo("1 tabletop exercise completed, latest 2026-11-30, score 33 %");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void stepsOutOfStateAreRefusedAndChangeNothing(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            Exercise e = plan(ws, "data-exfiltration");
            long id = e.id();
            long head = ws.ledger().headSeq();
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 1, "Alice", "", "fay"))
                    .isInstanceOf(ExerciseRuleException.class).hasMessageContaining("start it first");
            assertThatThrownBy(() -> ws.exercises().end(id, "x", "fay"))
                    .isInstanceOf(ExerciseRuleException.class).hasMessageContaining("planned");
            ws.exercises().start(id, "fay");
            assertThatThrownBy(() -> ws.exercises().start(id, "fay")).isInstanceOf(ExerciseRuleException.class)
                    .hasMessageContaining("running");
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 0, "Alice", "", "fay"))
                    .hasMessageContaining("step: data-exfiltration has steps 1 to 6 (got 0)");
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 7, "Alice", "", "fay"))
                    .hasMessageContaining("steps 1 to 6");
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 1, "Mallory", "", "fay"))
                    .hasMessageContaining("by: 'Mallory' is not taking part").hasMessageContaining("Alice, Bob, Fin, Fay");
            ws.exercises().completeStep(id, 1, "alice", "", "fay");
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 1, "Bob", "", "fay"))
                    .isInstanceOf(ExerciseRuleException.class).hasMessageContaining("done already by Alice");
            assertThatThrownBy(() -> ws.exercises().end(id, "  ", "fay")).hasMessageContaining("findings: required");
            ws.exercises().end(id, "ok", "fay");
            assertThatThrownBy(() -> ws.exercises().completeStep(id, 2, "Bob", "", "fay"))
                    .isInstanceOf(ExerciseRuleException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> ws.exercises().end(id, "again", "fay")).isInstanceOf(ExerciseRuleException.class);
            assertThat(ws.ledger().headSeq()).isEqualTo(head + 3);
            assertThat(ws.exercises().get(id).steps()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theDatabaseKeepsStepsAndEndedExercisesAsTheyWere(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            long id = plan(ws, "cascading-failure").id();
            ws.exercises().start(id, "fay");
            ws.exercises().completeStep(id, 1, "Alice", "", "fay");
            ws.exercises().end(id, "ok", "fay");
            for (String sql : List.of("UPDATE exercise_step SET done_by = 'Eve'", "DELETE FROM exercise_step",
                    "UPDATE exercise SET score = 100", "DELETE FROM exercise")) {
                assertThatThrownBy(() -> ws.database().write(tx -> {
                    try (Statement st = tx.connection().createStatement()) {
                        return st.executeUpdate(sql);
                    }
                })).as(sql).hasMessageContaining(sql.startsWith("DELETE FROM exercise_step") || sql.contains("exercise_step")
                        ? "kept as it was" : sql.startsWith("DELETE") ? "cannot be deleted" : "locked");
            }
            assertThat(ws.exercises().get(id).score()).contains(20); // 1 of 5 steps
        }
    }

    @Test
    void thePlaybookIsCopiedSoEditingItLaterChangesNoPastExercise() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1, clock)) {
            long id = plan(ws, "unauthorized-action").id();
            Path file = ws.playbooks().folder().resolve("unauthorized-action.yaml");
            java.nio.file.Files.writeString(file, "not: a playbook");
            assertThat(ws.exercises().get(id).playbook().steps()).hasSize(5);
            assertThat(ws.exercises().list()).extracting(Exercise::id).containsExactly(id);
        }
    }

    @Test
    void aPlanNamesTheFieldThatIsWrong() {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1, clock)) {
            PlaybookLibrary.Source s = ws.playbooks().source("hallucinated-decision");
            assertThatThrownBy(() -> ws.exercises().plan(new ExercisePlan(" ", List.of("A"), "F"), s.file(), s.yaml(),
                    "x")).hasMessage("scenario: required");
            assertThatThrownBy(() -> ws.exercises().plan(new ExercisePlan("S", List.of(" ", ""), "F"), s.file(),
                    s.yaml(), "x")).hasMessageContaining("participants: name at least one");
            assertThatThrownBy(() -> ws.exercises().plan(new ExercisePlan("S", List.of("Ann", "ANN"), "F"), s.file(),
                    s.yaml(), "x")).hasMessageContaining("'ANN' is named twice");
            assertThatThrownBy(() -> ws.exercises().plan(new ExercisePlan("S", List.of("Ann"), ""), s.file(),
                    s.yaml(), "x")).hasMessage("facilitator: required");
            assertThatThrownBy(() -> ws.exercises().plan(new ExercisePlan("S", List.of("Ann"), "F"), "bad.yaml",
                    "playbook:\n  id: x\n", "x")).hasMessageContaining("playbook: bad.yaml:2:3:");
            assertThat(ws.exercises().list()).isEmpty();
            assertThat(ws.exercises().evidence()).isEqualTo(ExerciseEvidence.NONE);
        }
    }

    @Test
    void anotherProcessSeesTheExerciseAndEvidenceCountsOnlyEndedOnes() {
        StoreKind.Place place = StoreKind.SQLITE.fresh(dir);
        try (Workspace one = place.open(1, clock); Workspace two = place.open(2, clock)) {
            long a = plan(one, "runaway-cost-loop").id();
            long b = plan(one, "runaway-cost-loop").id();
            two.exercises().start(a, "fay");
            one.exercises().completeStep(a, 1, "Alice", "", "fay");
            clock.advance(Duration.ofDays(1));
            two.exercises().end(a, "fine", "fay");
            one.exercises().start(b, "fay");
            assertThat(one.exercises().evidence()).isEqualTo(new ExerciseEvidence(1,
                    java.util.Optional.of(Instant.parse("2026-12-01T09:00:00Z")), java.util.Optional.of(16)));
        }
    }
}
