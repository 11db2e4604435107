package dev.arbiter.desktop.settings;

import dev.arbiter.desktop.common.Feedback;
import atlantafx.base.theme.Styles;
import dev.arbiter.core.audit.LedgerRetention;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Settings screen: reviewer, ledger retention, and the decision gateway. */
public final class SettingsView extends ScrollPane {

    public SettingsView(SettingsViewModel model) {
        VBox page = new VBox(16);
        page.setPadding(new Insets(16));
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
        Feedback.styleAsError(message, model.messageIsErrorProperty());
        Label retentionHint = new Label("Entries older than the retention period are first archived to a JSONL "
                + "file in the data directory's archive folder, then removed; the remaining chain still verifies.");
        retentionHint.setWrapText(true);
        retentionHint.getStyleClass().add(Styles.TEXT_MUTED);
        page.getChildren().addAll(title, form, retentionHint, new HBox(10, save, prune), message, new Separator(),
                gateway(model), new Separator(), new DatabaseSection(model.database()), new Separator(),
                new WitnessSection(model.witness()));
        setContent(page);
        setFitToWidth(true);
    }

    private static VBox gateway(SettingsViewModel model) {
        GatewayControl gateway = model.gateway();
        Label heading = new Label("Decision gateway");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label what = new Label("Agents ask the gateway before they act (POST /v1/actions with a bearer token from "
                + "arbiter token issue --agent ID). While the desktop runs it, approvals in the Escalation Queue "
                + "reach waiting agents at once. Bind 127.0.0.1 keeps it on this machine.");
        what.setWrapText(true);
        what.getStyleClass().add(Styles.TEXT_MUTED);

        CheckBox enabled = new CheckBox("Start the gateway when Arbiter opens");
        enabled.setId("gateway-enabled");
        enabled.selectedProperty().bindBidirectional(model.gatewayEnabledProperty());
        TextField port = new TextField();
        port.setId("gateway-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.gatewayPortProperty());
        TextField bind = new TextField();
        bind.setId("gateway-bind");
        bind.setPrefColumnCount(14);
        bind.textProperty().bindBidirectional(model.gatewayBindProperty());
        Label state = new Label();
        state.setId("gateway-state");
        state.textProperty().bind(gateway.statusProperty());
        gateway.stateProperty().addListener((o, was, now) -> styleState(state, now));
        styleState(state, gateway.stateProperty().get());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(12);
        form.addRow(0, new Label("Port"), port);
        form.addRow(1, new Label("Listen on address"), bind);
        form.addRow(2, new Label("Now"), state);

        var on = gateway.stateProperty().isEqualTo(GatewayControl.State.ON);
        var changing = gateway.stateProperty().isEqualTo(GatewayControl.State.STARTING)
                .or(gateway.stateProperty().isEqualTo(GatewayControl.State.STOPPING));
        Button start = new Button("Start");
        start.setId("gateway-start");
        start.textProperty().bind(Bindings.when(on).then("Restart on these settings").otherwise("Start"));
        start.disableProperty().bind(changing);
        start.setOnAction(e -> model.startGateway());
        Button stop = new Button("Stop");
        stop.setId("gateway-stop");
        stop.disableProperty().bind(on.not());
        stop.setOnAction(e -> model.stopGateway());

        Button simulate = new Button();
        simulate.setId("run-simulator");
        simulate.textProperty().bind(Bindings.when(gateway.simulatingProperty()).then("Stop simulator")
                .otherwise("Run simulator"));
        simulate.setOnAction(e -> {
            if (gateway.simulatingProperty().get()) {
                model.stopSimulator();
            } else {
                model.runSimulator();
            }
        });
        simulate.disableProperty().bind(on.not().and(gateway.simulatingProperty().not()));
        simulate.visibleProperty().bind(model.demoProperty());
        simulate.managedProperty().bind(simulate.visibleProperty());

        Label message = new Label();
        message.setId("gateway-message");
        message.setWrapText(true);
        message.textProperty().bind(model.gatewayMessageProperty());
        Feedback.styleAsError(message, model.gatewayMessageIsErrorProperty());
        return new VBox(12, heading, what, enabled, form, new HBox(10, start, stop, simulate), message);
    }

    private static void styleState(Label state, GatewayControl.State now) {
        state.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        if (now == GatewayControl.State.FAILED) {
            state.getStyleClass().add(Styles.DANGER);
        } else if (now == GatewayControl.State.ON) {
            state.getStyleClass().add(Styles.SUCCESS);
        }
    }
}
