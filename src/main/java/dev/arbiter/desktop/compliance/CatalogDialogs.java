package dev.arbiter.desktop.compliance;

import dev.arbiter.core.compliance.Regulation;
import dev.arbiter.core.policy.DataClass;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The dialogs that extend the regulation catalog with the user's own regulations and requirements. */
final class CatalogDialogs {

    private CatalogDialogs() {
    }

    static void addRegulation(Window owner, ComplianceViewModel model) {
        Dialog<ButtonType> dialog = dialog(owner, "Add a regulation");
        TextField id = new TextField();
        id.setPromptText("e.g. ISO-42001");
        TextField name = new TextField();
        name.setPromptText("e.g. ISO/IEC 42001");
        TextField summary = new TextField();
        summary.setPromptText("What it governs");
        GridPane grid = grid();
        row(grid, 0, "Id", id);
        row(grid, 1, "Name", name);
        row(grid, 2, "Summary", summary);
        dialog.getDialogPane().setContent(grid);
        ButtonType add = addButton(dialog);
        dialog.getDialogPane().lookupButton(add).disableProperty().bind(id.textProperty().isEmpty()
                .or(name.textProperty().isEmpty()));
        dialog.setOnShown(e -> id.requestFocus());
        dialog.showAndWait().filter(b -> b == add)
                .ifPresent(b -> model.addRegulation(id.getText(), name.getText(), summary.getText()));
    }

    static void addRequirement(Window owner, ComplianceViewModel model) {
        Dialog<ButtonType> dialog = dialog(owner, "Add a requirement");
        ComboBox<String> regulation = new ComboBox<>();
        model.regulations().stream().map(Regulation::id).forEach(regulation.getItems()::add);
        if (!regulation.getItems().isEmpty()) {
            regulation.getSelectionModel().select(0);
        }
        TextField id = new TextField();
        id.setPromptText("e.g. GDPR-DPIA");
        TextField title = new TextField();
        title.setPromptText("e.g. Data protection impact assessment");
        TextField description = new TextField();
        CheckBox all = new CheckBox("Every agent");
        Map<DataClass, CheckBox> classes = new EnumMap<>(DataClass.class);
        FlowPane classBoxes = new FlowPane(10, 4);
        for (DataClass c : DataClass.values()) {
            CheckBox box = new CheckBox(c.label());
            classes.put(c, box);
            classBoxes.getChildren().add(box);
        }
        classBoxes.disableProperty().bind(all.selectedProperty());
        TextField actions = new TextField();
        actions.setPromptText("action patterns, comma-separated, e.g. send:*, delete:*");
        actions.disableProperty().bind(all.selectedProperty());
        GridPane grid = grid();
        row(grid, 0, "Regulation", regulation);
        row(grid, 1, "Id", id);
        row(grid, 2, "Title", title);
        row(grid, 3, "Description", description);
        row(grid, 4, "Applies to", all);
        row(grid, 5, "…or agents touching", classBoxes);
        row(grid, 6, "…or whose policy allows", actions);
        dialog.getDialogPane().setContent(grid);
        ButtonType add = addButton(dialog);
        dialog.getDialogPane().lookupButton(add).disableProperty().bind(id.textProperty().isEmpty()
                .or(title.textProperty().isEmpty()).or(regulation.valueProperty().isNull()));
        dialog.setOnShown(e -> id.requestFocus());
        dialog.showAndWait().filter(b -> b == add).ifPresent(b -> {
            Set<DataClass> chosen = EnumSet.noneOf(DataClass.class);
            classes.forEach((c, box) -> {
                if (box.isSelected()) {
                    chosen.add(c);
                }
            });
            model.addRequirement(regulation.getValue(), id.getText(), title.getText(), description.getText(),
                    all.isSelected(), all.isSelected() ? Set.of() : chosen, all.isSelected() ? "" : actions.getText());
        });
    }

    private static Dialog<ButtonType> dialog(Window owner, String title) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        return dialog;
    }

    private static ButtonType addButton(Dialog<ButtonType> dialog) {
        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        return add;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, javafx.scene.Node input) {
        Label name = new Label(label);
        name.setLabelFor(input);
        grid.add(name, 0, row);
        grid.add(input, 1, row);
    }
}
