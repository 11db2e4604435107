package dev.arbiter.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.audit.LedgerRetention;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Settings screen. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsViewModel model) {
        setSpacing(16);
        setPadding(new Insets(16));
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);

        TextField reviewer = new TextField();
        reviewer.setId("reviewer-field");
        reviewer.setPromptText("Defaults to your operating-system user");
        reviewer.textProperty().bindBidirectional(model.reviewerProperty());

        Spinner<Integer> years = new Spinner<>(LedgerRetention.MIN_YEARS, LedgerRetention.MAX_YEARS,
                LedgerRetention.DEFAULT_YEARS);
        years.setId("retention-spinner");
        years.setEditable(true);
        model.retentionYearsProperty().addListener((o, a, b) -> years.getValueFactory().setValue(b.intValue()));
        years.valueProperty().addListener((o, a, b) -> model.retentionYearsProperty().set(b));

        Label dir = new Label(model.dataDirectory());
        dir.getStyleClass().add(Styles.TEXT_MUTED);

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(12);
        form.addRow(0, new Label("Reviewer name"), reviewer);
        form.addRow(1, new Label("Keep audit entries (years)"), years);
        form.addRow(2, new Label("Data directory"), dir);

        Button save = new Button("Save");
        save.setId("save-settings");
        save.setDefaultButton(true);
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> model.save());
        Button prune = new Button("Archive and prune old entries now");
        prune.setOnAction(e -> model.pruneNow());
        Label message = new Label();
        message.setId("settings-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label retentionHint = new Label("Entries older than the retention period are first archived to a JSONL "
                + "file in the data directory's archive folder, then removed; the remaining chain still verifies.");
        retentionHint.setWrapText(true);
        retentionHint.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(title, form, retentionHint, new HBox(10, save, prune), message);
    }
}
