package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit, no toolkit: the expiry runs when the test says the time has come. */
class StatusMessageTest {

    private final List<Runnable> due = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final StatusMessage status = new StatusMessage((delay, task) -> {
        delays.add(delay);
        due.add(task);
    });

    private void timePasses() {
        List.copyOf(due).forEach(Runnable::run);
        due.clear();
    }

    @Test
    void anOutcomeGoesAwayAfterSeconds() {
        status.info("Approved issue:refund");
        assertThat(status.textProperty().get()).isEqualTo("Approved issue:refund");
        assertThat(delays).containsExactly(StatusMessage.INFO_LIFETIME);
        assertThat(StatusMessage.INFO_LIFETIME).isLessThanOrEqualTo(Duration.ofSeconds(15));
        timePasses();
        assertThat(status.textProperty().get()).isEmpty();
    }

    @Test
    void aNewerMessageIsNotClearedByTheExpiryOfAnOlderOne() {
        status.info("Saved");
        status.info("Activated version 3");
        due.get(0).run();
        assertThat(status.textProperty().get()).isEqualTo("Activated version 3");
        due.get(1).run();
        assertThat(status.textProperty().get()).isEmpty();
    }

    @Test
    void aProblemStaysUntilTheNextMessage() {
        status.info("Saved");
        status.error("Could not save: the database is offline");
        timePasses();
        assertThat(status.textProperty().get()).isEqualTo("Could not save: the database is offline");
        assertThat(status.errorProperty().get()).isTrue();
        status.info("Saved");
        assertThat(status.errorProperty().get()).isFalse();
    }
}
