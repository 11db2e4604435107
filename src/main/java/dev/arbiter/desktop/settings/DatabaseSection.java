package dev.arbiter.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.arbiter.desktop.common.Feedback;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Settings › Database: the team database URL, its test and its save (see {@link DatabaseSettingsViewModel}). */
final class DatabaseSection extends VBox {

    DatabaseSection(DatabaseSettingsViewModel model) {
        super(12);
        Label heading = new Label("Database");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label what = new Label("Leave empty to keep this workspace in the SQLite file of the data directory. For a "
                + "team, enter the PostgreSQL database every gateway and desktop shares. The change applies the next "
                + "time Arbiter starts. Never put the password in the URL: set PGPASSWORD, use ~/.pgpass, or type "
                + "it when Arbiter asks.");
        what.setWrapText(true);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        Label now = new Label(model.currentDescription());
        now.setId("database-current");
        now.setWrapText(true);

        TextField url = new TextField();
        url.setId("database-url");
        url.setPromptText("postgresql://host:5432/arbiter?user=NAME");
        url.textProperty().bindBidirectional(model.urlProperty());
        GridPane.setHgrow(url, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("database-url-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        PasswordField password = new PasswordField();
        password.setId("database-password");
        password.setPromptText("Only for this test; never saved");
        password.textProperty().bindBidirectional(model.passwordProperty());
        Label passwordLabel = new Label("Password (test only)");
        passwordLabel.setLabelFor(password);
        password.visibleProperty().bind(model.passwordWantedProperty());
        password.managedProperty().bind(password.visibleProperty());
        passwordLabel.visibleProperty().bind(password.visibleProperty());
        passwordLabel.managedProperty().bind(password.visibleProperty());

        Label urlLabel = new Label("Database URL");
        urlLabel.setLabelFor(url);
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, urlLabel, url);
        form.add(problem, 1, 1);
        form.addRow(2, passwordLabel, password);

        Button test = new Button("Test connection");
        test.setId("database-test");
        test.disableProperty().bind(model.checkingProperty());
        test.setOnAction(e -> model.testConnection());
        Button save = new Button("Save database");
        save.setId("database-save");
        save.setOnAction(e -> model.save());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.checkingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        HBox buttons = new HBox(10, test, save, progress);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("database-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(Bindings.isNotEmpty(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());
        getChildren().addAll(heading, what, now, form, buttons, message);
    }
}
