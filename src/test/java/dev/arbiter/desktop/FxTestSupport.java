package dev.arbiter.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** Shared set-up for headless screen tests: a real workspace, the app's theme and CSS. */
public final class FxTestSupport {

    private FxTestSupport() {
    }

    public static DesktopContext context(Path dir) {
        Workspace workspace = TestWorkspaces.open(dir);
        return new DesktopContext(workspace, new Background());
    }

    public static void show(Stage stage, Parent root) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(ArbiterApp.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        // the primary stage is shared by the test classes of a fork: a size one test set (ShellTest's smallest
        // window) would otherwise outlive it and leave every later screen at 980 x 640
        stage.sizeToScene();
        stage.show();
    }

    /** Waits (up to 60 s, a limit for a loaded machine) for something the UI does in the background. */
    public static void waitFor(BooleanSupplier condition) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    /** Workspace first (no more change events), then let queued UI work run out, then the runner. */
    public static void close(DesktopContext context) {
        context.workspace().close();
        WaitForAsyncUtils.waitForFxEvents();
        context.background().close();
    }
}
