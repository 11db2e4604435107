package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.testing.PostgresTestServer;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Attack on the desktop's offline re-run queue, on a real PostgreSQL server that is stopped and started: a save
 * parked while the database was offline must never run after a later save of the same form (that would put the
 * older text back over the newer: a lost update), whether the later save comes before the change feed says the
 * database is back, or while the parked ones are being run again.
 */
class BackgroundParkedOrderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // the toolkit as TestFX starts it, shared with the other TestFX tests
    }

    @Test
    void aLaterSaveIsNeverOvertakenByAnOlderParkedOne() throws Exception {
        PostgresTestServer pg = PostgresTestServer.get();
        try (Workspace ws = StoreKind.POSTGRESQL.fresh(dir).open(1); Background background = new Background()) {
            List<String> told = new CopyOnWriteArrayList<>();
            pg.stopServer();
            try {
                background.databaseLost();
                for (String text : List.of("first draft", "second draft")) {
                    background.run(() -> {
                        ws.settings().put("attack.form", text);
                        return text;
                    }, saved -> told.add("saved " + saved), failure -> told.add(failure.getClass().getSimpleName()));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> told.size() == 2);
                assertThat(told).containsOnly("SavePendingException");
            } finally {
                pg.startServer();
            }
            // the database answers, but the change feed has not said so yet: the user saves the final text
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> ws.settings().get("attack.form").isEmpty());
            background.run(() -> {
                ws.settings().put("attack.form", "final text");
                return "final text";
            }, saved -> told.add("saved " + saved), failure -> told.add(failure.getClass().getSimpleName()));
            background.databaseBack();
            background.databaseBack(); // a flapping feed says so twice
            await().atMost(Duration.ofSeconds(60)).until(() -> told.stream().filter(t -> t.startsWith("saved")).count()
                    + told.stream().filter(t -> !t.startsWith("saved") && !t.equals("SavePendingException")).count()
                    >= 3);
            assertThat(told).containsSubsequence("saved first draft", "saved second draft", "saved final text");
            assertThat(ws.settings().get("attack.form")).hasValue("final text");
        }
    }
}
