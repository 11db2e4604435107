package dev.arbiter.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 on the desktop: a reviewer writes an evidence bundle from the Audit Log (the file dialog offers a name
 * from the date filters), it verifies offline with the public key alone, and Verify chain then shows the signed
 * checkpoint it made.
 */
@ExtendWith(ApplicationExtension.class)
class AuditLogEvidenceBundleTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static Background background;
    AuditLogView view;
    final List<String> offered = new ArrayList<>();

    @BeforeAll
    static void openWorkspace() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        for (int i = 0; i < 12; i++) {
            workspace.ledger().append(AuditEntry.of("decision").agentId("billing-bot").action("refund").build());
        }
        background = new Background();
    }

    @Start
    void start(Stage stage) {
        AuditLogViewModel model = new AuditLogViewModel(new DesktopContext(workspace, background));
        view = new AuditLogView(model);
        view.chooseBundleFileWith(name -> {
            offered.add(name);
            return Optional.of(dir.resolve("chosen/" + name));
        });
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        model.refresh();
    }

    @AfterAll
    static void close() {
        workspace.close();
        WaitForAsyncUtils.waitForFxEvents();
        background.close();
    }

    @Test
    void aBundleWrittenFromTheAuditLogVerifiesOfflineAndVerifyShowsItsCheckpoint(FxRobot robot) throws Exception {
        Label summary = robot.lookup("#audit-summary").queryAs(Label.class);
        // The first load must have shown before the click: under load it landed after the bundle's summary and
        // replaced it. The summary seen is kept, as a later reload may replace it again.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().contains("matching entries"));
        robot.clickOn("#bundle-button");
        java.util.concurrent.atomic.AtomicReference<String> wrote = new java.util.concurrent.atomic.AtomicReference<>();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            String text = summary.getText();
            if (text.startsWith("Wrote the evidence bundle")) {
                wrote.set(text);
            }
            return wrote.get() != null;
        });
        assertThat(offered).singleElement().asString().startsWith("arbiter-evidence-start-to-").endsWith(".zip");
        Path file = dir.resolve("chosen/" + offered.get(0));
        assertThat(Files.exists(file)).isTrue();
        assertThat(wrote.get()).contains("#1 to #12").contains(file.toString());
        var outcome = OfflineVerifier.verifyBundle(file, workspace.checkpoints().key().publicKey());
        assertThat(outcome.intact()).as(outcome.summary()).isTrue();

        robot.clickOn("#verify-button");
        Label checkpoint = robot.lookup("#checkpoint-info").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> checkpoint.getText().startsWith("Checkpoint: 12 entries"));
        assertThat(robot.lookup("#verify-result").queryAs(Label.class).getText()).contains("signed checkpoint verified");
    }
}
