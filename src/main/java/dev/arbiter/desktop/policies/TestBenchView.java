package dev.arbiter.desktop.policies;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.decision.Evaluation;
import dev.arbiter.core.policy.DataClass;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The test bench panel: an action request form and what the edited policy decides about it. */
final class TestBenchView {

    private final ScrollPane root;

    TestBenchView(TestBenchViewModel model) {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        int row = 0;
        row = add(form, row, "_Action", field(model.actionProperty(), "verb:resource, e.g. issue:refund"));
        row = add(form, row, "A_mount (USD)", field(model.amountProperty(), "e.g. 80"));
        FlowPane classes = new FlowPane(10, 4);
        for (DataClass c : DataClass.values()) {
            CheckBox box = new CheckBox(c.label());
            box.selectedProperty().bindBidirectional(model.dataClassProperty(c));
            classes.getChildren().add(box);
        }
        row = add(form, row, "Data classes", classes);
        row = add(form, row, "_Confidence", field(model.confidenceProperty(), "0 to 1, e.g. 0.94"));
        row = add(form, row, "_Target", field(model.targetProperty(), "host:port, e.g. crm-api.internal:443"));
        ChoiceBox<TestBenchViewModel.Reversible> reversible = new ChoiceBox<>();
        reversible.getItems().setAll(TestBenchViewModel.Reversible.values());
        reversible.valueProperty().bindBidirectional(model.reversibleProperty());
        add(form, row, "Re_versible", reversible);

        Button evaluate = new Button("_Evaluate");
        evaluate.setMnemonicParsing(true);
        evaluate.getStyleClass().add(Styles.ACCENT);
        evaluate.setOnAction(e -> model.evaluate());
        evaluate.setDefaultButton(false);

        Label decision = new Label();
        decision.getStyleClass().add(Styles.TITLE_4);
        decision.setId("bench-decision");
        Label tier = new Label();
        Label risk = new Label();
        risk.setWrapText(true);
        Label rule = new Label();
        rule.setWrapText(true);
        rule.setId("bench-rule");
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        decision.textProperty().bind(Bindings.createStringBinding(() -> {
            Evaluation e = model.resultProperty().get();
            return e == null ? "" : e.decision().toUpperCase(java.util.Locale.ROOT) + " — " + e.code();
        }, model.resultProperty()));
        tier.textProperty().bind(Bindings.createStringBinding(() -> {
            Evaluation e = model.resultProperty().get();
            return e == null ? "" : "Tier: " + e.tier().wireName();
        }, model.resultProperty()));
        risk.textProperty().bind(Bindings.createStringBinding(() -> {
            Evaluation e = model.resultProperty().get();
            return e == null ? "" : "Risk score " + e.riskScore() + " from " + e.risk().explain();
        }, model.resultProperty()));
        rule.textProperty().bind(Bindings.createStringBinding(() -> {
            Evaluation e = model.resultProperty().get();
            return e == null ? "" : "Why: " + e.rule() + ".";
        }, model.resultProperty()));
        Label hint = new Label("Try an action against the policy in the editor, saved or not. Nothing is recorded.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        VBox box = new VBox(10, hint, form, evaluate, error, decision, tier, risk, rule);
        box.setPadding(new Insets(10));
        root = new ScrollPane(box);
        root.setFitToWidth(true);
    }

    Node node() {
        return root;
    }

    private static TextField field(javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static int add(GridPane grid, int row, String label, Node input) {
        Label name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(input);
        name.setMinWidth(Label.USE_PREF_SIZE);
        grid.add(name, 0, row);
        grid.add(input, 1, row);
        return row + 1;
    }
}
