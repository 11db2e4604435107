package dev.arbiter.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Running a playbook from an incident ticks its steps with their times, audited, once each. */
class PlaybookRunTest {

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void stepsAreTickedWithTimesOnceEach(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            Playbook p = ws.playbooks().get("compromised-agent-token");
            long id = ws.incidents().open(NewIncident.of("Token in a public repo", Severity.HIGH, List.of()), "a").id();

            assertThatThrownBy(() -> ws.incidents().completeStep(id, p, 1, null, "a"))
                    .hasMessageContaining("is not running for incident " + id);
            ws.incidents().startPlaybook(id, p, "a");
            clock.advance(Duration.ofMinutes(3));
            Incident i = ws.incidents().completeStep(id, p, 1, "revoked tok_9", "sec");
            assertThat(PlaybookProgress.stepsDone(i, p)).containsExactly(1);
            TimelineEvent step = i.timeline().get(i.timeline().size() - 1);
            assertThat(step.kind()).isEqualTo(TimelineKind.STEP);
            assertThat(step.at()).isEqualTo(Instant.parse("2026-11-30T09:03:00Z"));
            assertThat(step.note()).isEqualTo("compromised-agent-token step 1/5: Revoke the token at once — revoked tok_9");
            assertThat(step.auditSeq()).isEqualTo(ws.ledger().headSeq());

            assertThatThrownBy(() -> ws.incidents().completeStep(id, p, 1, null, "a"))
                    .hasMessage("Step 1 of compromised-agent-token is done already");
            assertThatThrownBy(() -> ws.incidents().completeStep(id, p, 6, null, "a"))
                    .hasMessage("step: compromised-agent-token has steps 1 to 5 (got 6)");
            assertThatThrownBy(() -> ws.incidents().startPlaybook(id, p, "a")).hasMessageContaining("already");
        }
    }
}
