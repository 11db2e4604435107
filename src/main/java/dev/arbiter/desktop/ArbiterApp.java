package dev.arbiter.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.arbiter.Logging;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.PasswordRequiredException;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.core.store.StoreLocations;
import java.time.Clock;
import dev.arbiter.desktop.common.Background;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.shell.CloseDialog;
import dev.arbiter.desktop.shell.CloseGuard;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.shell.Shell;
import java.nio.file.Path;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.material2.Material2AL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application. Opens the workspace off the FX thread (a first run
 * creates the demo workspace), then shows the shell.
 */
public final class ArbiterApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ArbiterApp.class);

    /** Room the window manager's title bar takes above the scene, in pixels (a generous estimate). */
    private static final double TITLE_BAR = 40;

    private final Background background = new Background();
    private DataDirectory directory;
    private StoreLocation location;
    private Workspace workspace;
    private MainWindow window;
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        String dataDir = getParameters().getNamed().get("data-dir");
        directory = DataDirectory.resolve(dataDir == null ? null : Path.of(dataDir), System.getenv());
        Logging.configure(directory);
        location = StoreLocations.resolve(getParameters().getNamed().get("database"), directory, System.getenv(),
                null);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        // never larger than the screen (1280 x 800 has room for 1360 x 860 only without the task bar and
        // the title bar): the window opens within the visible area, its content sized to fit
        javafx.geometry.Rectangle2D visible = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(1360, visible.getWidth());
        double height = Math.min(860, visible.getHeight() - TITLE_BAR);
        Scene scene = new Scene(loading("Opening " + describe(location) + "…"), width, height);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Arbiter");
        stage.setMinWidth(Math.min(980, width));
        stage.setMinHeight(Math.min(640, height));
        stage.setX(visible.getMinX() + (visible.getWidth() - width) / 2);
        stage.setY(visible.getMinY());
        stage.show();
        // once more after mapping: some window managers (openbox, seen under Xvfb) ignore a size set before the
        // window is shown and open it at its minimum or at 200 x 200
        stage.setWidth(width);
        stage.setHeight(height);
        openWorkspace();
    }

    private void openWorkspace() {
        background.run(() -> {
            // a team database is never filled with demo content
            boolean fresh = location instanceof StoreLocation.SqliteFile && !directory.hasDatabase();
            Workspace opened = Workspace.open(directory, location, Clock.systemUTC());
            if (fresh) {
                LOG.info("New data directory {}: creating the demo workspace", directory.root());
                DemoWorkspace.seed(opened);
            }
            return opened;
        }, this::showShell, failure -> {
            if (failure instanceof PasswordRequiredException && location instanceof StoreLocation.PostgresServer pg) {
                askPassword(pg);
                return;
            }
            stage.getScene().setRoot(new EmptyState(Material2AL.ERROR_OUTLINE,
                    "The workspace could not be opened", Dialogs.messageOf(failure)
                    + "\nDetails are in " + directory.logs().resolve("arbiter.log") + "."));
        });
    }

    /**
     * The team database wants a password that neither PGPASSWORD nor ~/.pgpass gave: asks for it (kept in
     * memory for this session only, never saved or logged) and tries again; Cancel shows what to set instead.
     */
    private void askPassword(StoreLocation.PostgresServer pg) {
        javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Database password");
        dialog.setHeaderText(pg.url() + " wants a password");
        javafx.scene.control.PasswordField field = new javafx.scene.control.PasswordField();
        field.setId("startup-password");
        Label hint = new Label("Used for this session only; Arbiter never saves it. To skip this question, set "
                + "PGPASSWORD or add the password to ~/.pgpass.");
        hint.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(10, hint, field));
        dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK,
                javafx.scene.control.ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == javafx.scene.control.ButtonType.OK ? field.getText() : null);
        javafx.application.Platform.runLater(field::requestFocus);
        String typed = dialog.showAndWait().filter(t -> !t.isEmpty()).orElse(null);
        if (typed == null) {
            stage.getScene().setRoot(new EmptyState(Material2AL.ERROR_OUTLINE, "The workspace could not be opened",
                    pg.url() + " wants a password: set PGPASSWORD or add it to ~/.pgpass, then start Arbiter again."));
            return;
        }
        location = new StoreLocation.PostgresServer(pg.url(), typed);
        stage.getScene().setRoot(loading("Opening " + describe(location) + "…"));
        openWorkspace();
    }

    private void showShell(Workspace opened) {
        workspace = opened;
        DesktopContext context = new DesktopContext(opened, background);
        window = Shell.launch(context, this::startEmptyWorkspace);
        stage.getScene().setRoot(window);
        // the title shows how many actions wait for a person, also in the task bar
        IntegerProperty pending = window.status().pendingCountProperty();
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "Arbiter"
                + (pending.get() == 0 ? "" : " (" + pending.get() + " pending)") + " — " + directory.root(), pending));
        // steps parked while the database is offline are never dropped without the person's answer
        CloseGuard guard = new CloseGuard(background.waitingSavesProperty(),
                count -> CloseDialog.ask(stage, count, window.status().databaseName()), background::discardParked,
                stage::close);
        window.status().closingProperty().bind(guard.noticeProperty());
        stage.setOnCloseRequest(e -> {
            if (!guard.mayClose()) {
                e.consume();
            }
        });
    }

    private void startEmptyWorkspace() {
        boolean confirmed = Dialogs.confirm(stage, "Start an empty workspace",
                "The demo workspace will be moved aside (into a folder inside " + directory.root()
                        + ", nothing is deleted) and Arbiter starts with no agents, policies or audit entries.",
                "Start empty");
        if (!confirmed) {
            return;
        }
        Workspace closing = workspace;
        MainWindow closingWindow = window;
        window = null;
        stage.titleProperty().unbind();
        stage.getScene().setRoot(loading("Starting an empty workspace…"));
        background.run(() -> {
            closingWindow.shutdown();
            closing.close();
            Path aside = directory.setAside("demo");
            LOG.info("Demo workspace moved to {}", aside);
            return Workspace.open(directory, location, Clock.systemUTC());
        }, this::showShell, failure -> Dialogs.error(stage, "Could not start an empty workspace", failure));
    }

    private static String describe(StoreLocation location) {
        return location instanceof StoreLocation.PostgresServer server ? server.url().toString()
                : ((StoreLocation.SqliteFile) location).path().toString();
    }

    private static VBox loading(String text) {
        VBox box = new VBox(16, new ProgressIndicator(), new Label(text));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown(); // the gateway answers its long polls and drains before the workspace closes
        }
        background.close(); // saves still queued reach the workspace before it closes
        if (workspace != null) {
            workspace.close();
        }
    }
}
