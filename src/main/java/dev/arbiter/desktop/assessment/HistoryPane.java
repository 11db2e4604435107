package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.Decision;
import dev.arbiter.core.assessment.FieldChange;
import dev.arbiter.core.assessment.VersionSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The versions of the assessment (open one to read it) and who changed what in the shown version. */
final class HistoryPane extends VBox {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    HistoryPane(AssessmentEditorViewModel vm) {
        setSpacing(6);
        setPadding(new Insets(12));
        ListView<VersionSummary> versions = new ListView<>(vm.versionsProperty());
        versions.setPrefHeight(120);
        versions.setAccessibleText("Versions");
        versions.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(VersionSummary v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : describe(v));
            }
        });
        versions.setOnMouseClicked(e -> open(vm, versions.getSelectionModel().getSelectedItem()));
        versions.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                open(vm, versions.getSelectionModel().getSelectedItem());
            }
        });
        Label versionsHint = new Label("Select a version (Enter) to read it; decided versions are locked.");
        versionsHint.getStyleClass().add("hint");

        TableView<FieldChange> changes = new TableView<>(vm.changesProperty());
        dev.arbiter.desktop.common.Fit.wholeHeaders(changes);
        changes.setPlaceholder(new Label("No edits in this version yet."));
        changes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // when and who are read whole; the field and its values are sentences that wrap in their row
        dev.arbiter.desktop.common.Fit.wholeCells(changes);
        changes.getColumns().add(column("When", c -> TIME.format(c.at()), 140));
        changes.getColumns().add(column("Who", FieldChange::actor, 110));
        for (TableColumn<FieldChange, String> text : List.of(column("Field", FieldChange::field, 160),
                column("Before", FieldChange::before, 180), column("After", FieldChange::after, 180))) {
            dev.arbiter.desktop.common.Fit.wrapping(text, 100);
            changes.getColumns().add(text);
        }
        VBox.setVgrow(changes, Priority.ALWAYS);

        Label changesTitle = new Label("Changes in this version");
        changesTitle.getStyleClass().add("section-title");
        Label versionsTitle = new Label("Versions");
        versionsTitle.getStyleClass().add("section-title");
        getChildren().addAll(versionsTitle, versions, versionsHint, changesTitle, changes);
    }

    private static void open(AssessmentEditorViewModel vm, VersionSummary v) {
        Assessment shown = vm.assessmentProperty().get();
        if (v != null && shown != null && v.version() != shown.version()) {
            vm.load(shown.id(), v.version());
        }
    }

    private static String describe(VersionSummary v) {
        Decision d = v.decision();
        return "v" + v.version() + " \u2014 " + v.status().label() + " \u2014 started by " + v.createdBy() + " "
                + TIME.format(v.createdAt())
                + (d == null ? "" : "; " + (d.approved() ? "approved" : "rejected") + " by " + d.decidedBy() + " "
                + TIME.format(d.decidedAt()));
    }

    private static TableColumn<FieldChange, String> column(String title,
            java.util.function.Function<FieldChange, String> value, double width) {
        TableColumn<FieldChange, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
