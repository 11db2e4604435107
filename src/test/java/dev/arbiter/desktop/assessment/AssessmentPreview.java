package dev.arbiter.desktop.assessment;

import atlantafx.base.theme.PrimerLight;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens the assessment screen alone on a demo workspace, for looking at it
 * under Xvfb: {@code java ... AssessmentPreview DIR [select-index] [tab-index]}.
 */
public final class AssessmentPreview {

    private AssessmentPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path dir = Path.of(getParameters().getRaw().get(0));
            boolean fresh = !Files.exists(dir.resolve(DataDirectory.DATABASE_FILE));
            Workspace ws = Workspace.open(new DataDirectory(dir));
            if (fresh && !getParameters().getRaw().contains("empty")) {
                DemoWorkspace.seed(ws);
            }
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            AssessmentScreen screen = new AssessmentScreen(new DesktopContext(ws, new Background()));
            stage.setScene(new Scene((javafx.scene.Parent) screen.view(), 1400, 880));
            stage.setTitle("Arbiter - risk assessments");
            stage.show();
            screen.shown();
            var raw = getParameters().getRaw();
            if (raw.size() > 1 && !raw.get(1).equals("empty")) {
                int row = Integer.parseInt(raw.get(1));
                javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                        javafx.util.Duration.seconds(2));
                wait.setOnFinished(e -> {
                    var table = (javafx.scene.control.TableView<?>) stage.getScene().lookup("#assessment-table");
                    System.out.println("preview: selecting row " + row + " of " + table.getItems().size());
                    table.getSelectionModel().select(row);
                    if (raw.size() > 2) {
                        var tabs = (javafx.scene.control.TabPane) stage.getScene().lookup(".tab-pane");
                        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(
                                javafx.util.Duration.seconds(1));
                        later.setOnFinished(x -> tabs.getSelectionModel().select(Integer.parseInt(raw.get(2))));
                        later.play();
                    }
                });
                wait.play();
            }
        }
    }
}
