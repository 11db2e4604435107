package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.store.DatabaseOfflineException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Steps parked while the database is offline are dropped only when the person chooses to (closing the window,
 * issue 20 "nothing lost"), and the waiting count covers a step until it has run again, not only while it is
 * queued (else "close when saved" would stop the pool under the last save).
 */
class BackgroundDiscardTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static int waiting(Background background) throws Exception {
        int[] n = new int[1];
        FxToolkit.setupFixture(() -> n[0] = background.waitingSavesProperty().get());
        return n[0];
    }

    @Test
    void discardDropsEveryWaitingStepAndNoneRunsLater() throws Exception {
        AtomicBoolean offline = new AtomicBoolean(true);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (Background background = new Background()) {
            background.databaseLost();
            for (int i = 0; i < 3; i++) {
                int step = i;
                background.run(() -> {
                    if (offline.get()) {
                        throw new DatabaseOfflineException("connection refused", null);
                    }
                    ran.add("step " + step);
                    return step;
                }, ok -> { }, failure -> { });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(background) == 3);
            assertThat(background.discardParked()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(background) == 0);
            offline.set(false);
            background.databaseBack();
            background.run(() -> "probe", ok -> ran.add("after"), failure -> { });
            await().atMost(Duration.ofSeconds(60)).until(() -> ran.contains("after"));
            assertThat(ran).containsExactly("after");
            assertThat(background.discardParked()).isZero();
        }
    }

    @Test
    void aStepBeingRunAgainStillCountsAsWaitingUntilItIsDone() throws Exception {
        AtomicBoolean offline = new AtomicBoolean(true);
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (Background background = new Background()) {
            background.databaseLost();
            background.run(() -> {
                if (offline.get()) {
                    throw new DatabaseOfflineException("connection refused", null);
                }
                running.countDown();
                release.await();
                return "saved";
            }, ok -> { }, failure -> { });
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(background) == 1);
            offline.set(false);
            background.databaseBack();
            assertThat(running.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Platform.runLater(() -> { }); // let any published count arrive
            assertThat(waiting(background)).as("still running: still waiting").isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(background) == 0);
        }
    }
}
