package dev.arbiter.desktop.settings;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Settings › Witness: this workspace's witness key, the logs it follows and its alarms ({@link WitnessSettingsViewModel}). */
final class WitnessSection extends VBox {

    WitnessSection(WitnessSettingsViewModel model) {
        super(8);
        Label heading = new Label("Witness");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label status = new Label();
        status.setId("witness-status");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());

        // A read-only field rather than a label, so the key can be selected and copied for the log's operator.
        TextField key = new TextField();
        key.setId("witness-key");
        key.setEditable(false);
        key.textProperty().bind(model.keyProperty());
        key.visibleProperty().bind(model.keyProperty().isNotEmpty());
        key.managedProperty().bind(key.visibleProperty());

        ListView<String> logs = new ListView<>(model.logs());
        logs.setId("witness-logs");
        logs.setPrefHeight(90);
        logs.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.logs()));
        logs.managedProperty().bind(logs.visibleProperty());

        // An alarm is a few sentences saying what to compare: each a wrapped label, never cut off.
        VBox alarms = new VBox(6);
        alarms.setId("witness-alarms");
        Runnable fill = () -> alarms.getChildren().setAll(model.alarms().stream().map(text -> {
            Label alarm = new Label(text);
            alarm.setWrapText(true);
            alarm.getStyleClass().add(Styles.DANGER);
            return alarm;
        }).toList());
        model.alarms().addListener((javafx.collections.ListChangeListener<String>) change -> fill.run());
        fill.run();
        getChildren().addAll(heading, status, key, logs, alarms);
    }
}
