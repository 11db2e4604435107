package dev.arbiter.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.junit.jupiter.api.Test;

/** Closing the window while steps wait for the database (issue 20 "nothing lost"): plain JUnit, no toolkit. */
class CloseGuardTest {

    final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    final List<Integer> asked = new ArrayList<>();
    int closed;
    int discarded;

    private CloseGuard answering(CloseGuard.Choice... answers) {
        List<CloseGuard.Choice> left = new ArrayList<>(java.util.Arrays.asList(answers));
        return new CloseGuard(waiting.getReadOnlyProperty(), count -> {
            asked.add(count);
            return left.isEmpty() ? null : left.remove(0);
        }, () -> {
            discarded += waiting.get();
            int n = waiting.get();
            waiting.set(0);
            return n;
        }, () -> closed++);
    }

    @Test
    void nothingWaitingClosesWithoutAQuestion() {
        CloseGuard guard = answering();
        assertThat(guard.mayClose()).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void closeWhenSavedClosesOnceTheLastWaitingStepIsSavedAndNotBefore() {
        CloseGuard guard = answering(CloseGuard.Choice.CLOSE_WHEN_SAVED);
        waiting.set(3);
        assertThat(guard.mayClose()).isFalse();
        assertThat(asked).containsExactly(3);
        assertThat(guard.noticeProperty().get())
                .isEqualTo("Arbiter closes once the 3 steps waiting for the database are saved "
                        + "(close again to choose otherwise).");
        waiting.set(1);
        assertThat(closed).isZero();
        assertThat(guard.noticeProperty().get()).contains("the 1 step waiting for the database is saved");
        waiting.set(0);
        assertThat(closed).isEqualTo(1);
        assertThat(guard.noticeProperty().get()).isEmpty();
        waiting.set(2); // a later offline spell closes nothing by itself
        waiting.set(0);
        assertThat(closed).isEqualTo(1);
        assertThat(discarded).isZero();
    }

    @Test
    void keepOpenOrNoAnswerKeepsEverythingAndDiscardDropsThemAfterTheQuestion() {
        CloseGuard guard = answering(CloseGuard.Choice.CLOSE_WHEN_SAVED, CloseGuard.Choice.KEEP_OPEN, null,
                CloseGuard.Choice.DISCARD_AND_CLOSE);
        waiting.set(2);
        assertThat(guard.mayClose()).isFalse(); // close when saved …
        assertThat(guard.mayClose()).isFalse(); // … then, asked again, keep open: the pending close is off
        assertThat(guard.noticeProperty().get()).isEmpty();
        waiting.set(0);
        assertThat(closed).isZero();
        waiting.set(5);
        assertThat(guard.mayClose()).isFalse(); // the dialog closed without an answer
        assertThat(discarded).isZero();
        assertThat(guard.mayClose()).isTrue(); // discard, named with the count
        assertThat(discarded).isEqualTo(5);
        assertThat(asked).containsExactly(2, 2, 5, 5);
    }

    @Test
    void theQuestionNamesTheCountTheDatabaseAndWhatIsLost() {
        assertThat(CloseGuard.question(1, "team-db:5432/arbiter")).isEqualTo("1 step made while team-db:5432/arbiter "
                + "was offline waits to be saved. Arbiter saves it as soon as the database answers; if you close "
                + "now it is lost.");
        assertThat(CloseGuard.question(64, "db")).startsWith("64 steps made while db was offline wait to be saved.")
                .endsWith("if you close now they are lost.");
        assertThat(CloseGuard.discardLabel(7)).isEqualTo("Discard 7 steps and close");
    }
}
