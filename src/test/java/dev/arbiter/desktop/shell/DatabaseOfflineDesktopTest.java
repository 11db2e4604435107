package dev.arbiter.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.common.Background;
import dev.arbiter.desktop.settings.GatewayControl;
import dev.arbiter.testing.PostgresTestServer;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop on a team database whose real PostgreSQL server stops and starts again: a banner says the
 * database is offline and that Arbiter keeps trying; a save made meanwhile fails without losing the typed
 * text, waits, and goes through on reconnect, when the banner clears; the window closed meanwhile (answering
 * "close when saved") closes only once it went through.
 */
@ExtendWith(ApplicationExtension.class)
class DatabaseOfflineDesktopTest {

    @TempDir
    static Path dir;
    StoreKind.Place place;
    DesktopContext context;
    MainWindow window;
    final java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();

    @Start
    void start(Stage stage) {
        place = StoreKind.POSTGRESQL.fresh(dir);
        context = new DesktopContext(place.open(1), new Background());
        window = Shell.assemble(context, () -> { }, new GatewayControl(context));
        FxTestSupport.show(stage, window);
        window.select("Settings");
    }

    @AfterEach
    void close() {
        window.shutdown();
        FxTestSupport.close(context);
    }

    @Test
    void aSaveWhileOfflineKeepsTheTextWaitsAndGoesThroughOnReconnect(FxRobot robot) throws Exception {
        PostgresTestServer pg = PostgresTestServer.get();
        Node banner = robot.lookup("#offline-banner").query();
        TextField reviewer = robot.lookup("#reviewer-field").queryAs(TextField.class);
        Label message = robot.lookup("#settings-message").queryAs(Label.class);
        FxTestSupport.waitFor(() -> !reviewer.getText().isEmpty()); // loaded
        assertThat(banner.isVisible()).isFalse();

        pg.stopServer();
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, banner::isVisible);
            assertThat(robot.lookup("#offline-banner-text").queryAs(Label.class).getText())
                    .contains("Database offline").contains("keeps trying");
            robot.interact(() -> reviewer.setText("Dana Offline"));
            robot.clickOn("#save-settings");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> message.getText().contains("offline"));
            assertThat(reviewer.getText()).as("what the user typed stays").isEqualTo("Dana Offline");
            assertThat(robot.lookup("#offline-banner-text").queryAs(Label.class).getText()).contains("1 waiting");

            // closing the window now asks (issue 20 "nothing lost"); "close when saved" keeps it open meanwhile
            robot.interact(() -> {
                CloseGuard guard = new CloseGuard(context.background().waitingSavesProperty(),
                        count -> CloseGuard.Choice.CLOSE_WHEN_SAVED, () -> 0, () -> closed.incrementAndGet());
                window.status().closingProperty().bind(guard.noticeProperty());
                assertThat(guard.mayClose()).isFalse();
            });
            assertThat(robot.lookup("#offline-banner-text").queryAs(Label.class).getText())
                    .contains("Arbiter closes once the 1 step waiting for the database is saved");
            assertThat(closed.get()).isZero();
        } finally {
            pg.startServer();
        }

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> closed.get() == 1); // closed once saved
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !banner.isVisible());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> message.getText().startsWith("Saved."));
        assertThat(reviewer.getText()).isEqualTo("Dana Offline");
        try (Workspace other = place.open(2)) {
            assertThat(Actor.current(other.settings())).as("saved in the shared database").isEqualTo("Dana Offline");
        }
    }
}
