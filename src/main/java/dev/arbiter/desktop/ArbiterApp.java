package dev.arbiter.desktop;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application (shell wired in the next step). */
public final class ArbiterApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Arbiter"), 800, 600));
        stage.show();
    }
}
