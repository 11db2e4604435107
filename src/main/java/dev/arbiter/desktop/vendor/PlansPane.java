package dev.arbiter.desktop.vendor;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.vendor.AgentProviderPlan;
import dev.arbiter.core.vendor.Vendor;
import dev.arbiter.desktop.common.ChoiceText;
import dev.arbiter.desktop.common.Fit;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The agents tab: per agent its vendor, pinned and fallback model, what it does while its provider is
 * down, its daily cost limit and whether a second provider stands behind it; the fallback is set here.
 */
final class PlansPane extends VBox {

    /** The behaviours as {@code FallbackBehaviour.of} reads them, in the guide's order. */
    private static final List<String> BEHAVIOURS = List.of("queue", "notify", "rules");

    PlansPane(VendorsViewModel model) {
        super(8);
        TableView<AgentProviderPlan> table = new TableView<>(model.planRows());
        table.setId("plan-table");
        Fit.wholeHeaders(table);
        Fit.wholeCells(table);
        table.getColumns().add(Columns.text("Agent", 160, p -> p.agent().id()));
        table.getColumns().add(Columns.text("Vendor", 120, p -> p.vendor().map(Vendor::name)
                .orElse(p.agent().profile().vendor().isEmpty() ? "none" : p.agent().profile().vendor()
                        + " (not in the register)")));
        table.getColumns().add(Columns.text("Pinned model", 200, AgentProviderPlan::pinnedModel));
        table.getColumns().add(Columns.text("Fallback model", 200, p -> p.fallbackModel().isEmpty() ? "none"
                : p.fallbackModel() + p.fallbackVendor().map(v -> " (" + v.name() + ")").orElse("")));
        // what the agent does while its provider is down, its cost limit and its providers are sentences:
        // the line under the table says them whole for the chosen agent, so these columns come last and
        // may scroll out sideways; agent, vendor and the two models may not
        for (var detail : List.of(Columns.text("When the provider is down", 260, AgentProviderPlan::fallbackDescription),
                Columns.text("Daily cost limit", 110, (AgentProviderPlan p) -> costLimit(p.agent().profile().budget())),
                Columns.text("Providers", 200, (AgentProviderPlan p) -> p.strategy().label()))) {
            detail.getStyleClass().add(Fit.SECONDARY);
            table.getColumns().add(detail);
        }
        Label chosen = new Label();
        chosen.setId("plan-detail");
        chosen.setWrapText(true);
        chosen.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            AgentProviderPlan p = table.getSelectionModel().getSelectedItem();
            return p == null ? "" : p.agent().id() + ": when the provider is down, " + p.fallbackDescription()
                    + ". Daily cost limit: " + costLimit(p.agent().profile().budget()) + ". Providers: "
                    + p.strategy().label() + ".";
        }, table.getSelectionModel().selectedItemProperty(), model.planRows()));
        Label empty = new Label("No agents yet. Register one under Policies & Agents, naming its vendor; "
                + "its provider plan shows here.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        ComboBox<String> behaviour = new ComboBox<>();
        behaviour.setId("fallback-behaviour");
        behaviour.getItems().setAll(BEHAVIOURS);
        behaviour.setConverter(ChoiceText.of(k -> switch (k) {
            case "queue" -> "queue actions";
            case "notify" -> "notify humans";
            default -> "rule-based fallback";
        }));
        behaviour.setAccessibleText("What the agent does while its provider is down");
        TextField detail = new TextField();
        detail.setId("fallback-detail");
        detail.setPromptText("whom to notify, or which rules");
        detail.setPrefColumnCount(22);
        TextField vendor = new TextField();
        vendor.setId("fallback-vendor");
        vendor.setPromptText("fallback model's vendor (empty: its own)");
        vendor.setPrefColumnCount(18);
        Button save = new Button("Save _fallback");
        save.setId("fallback-save");
        save.setMnemonicParsing(true);
        save.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(behaviour.valueProperty().isNull()));
        save.setOnAction(e -> {
            AgentProviderPlan p = table.getSelectionModel().getSelectedItem();
            model.setFallback(p.agent().id(), behaviour.getValue(), detail.getText(), vendor.getText());
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, p) -> {
            if (p != null && (was == null || !was.agent().id().equals(p.agent().id()))) {
                behaviour.setValue(p.fallback().map(f -> BEHAVIOURS.get(switch (f.behaviour().key()) {
                    case "QUEUE" -> 0;
                    case "NOTIFY" -> 1;
                    default -> 2;
                })).orElse(null));
                detail.setText(p.fallback().map(f -> f.behaviour().detail()).orElse(""));
                vendor.setText(p.fallback().map(f -> f.fallbackVendor()).orElse(""));
            }
        });
        Label down = new Label("When the provider is down:");
        Fit.whole(down, behaviour, save);
        FlowPane form = new FlowPane(8, 6, down, behaviour, detail, vendor, save);
        form.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(table, chosen, form);
    }

    /** "$25.00 / day", or "none" (the guide's Pillar 5 "Cost Controls"). */
    static String costLimit(DailyBudget b) {
        return b == null || b.costUsd() == null ? "none" : "$" + b.costUsd().setScale(2,
                java.math.RoundingMode.HALF_UP).toPlainString() + " / day";
    }
}
