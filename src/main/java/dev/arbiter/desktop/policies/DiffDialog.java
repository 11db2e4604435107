package dev.arbiter.desktop.policies;

import dev.arbiter.core.policy.PolicyDiff;
import dev.arbiter.core.policy.PolicyVersion;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Two versions of a policy side by side, changed lines highlighted. */
final class DiffDialog {

    private DiffDialog() {
    }

    static void show(Window owner, PolicyVersion left, PolicyVersion right, PolicyDiff diff) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(left.label() + " and v" + right.version());
        dialog.setHeaderText("Comparing " + left.label() + " (left) with v" + right.version() + " (right): "
                + (diff.isIdentical() ? "no differences." : diff.changes() + " changed lines."));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);

        TableView<PolicyDiff.Row> table = new TableView<>();
        dev.arbiter.desktop.common.Fit.wholeHeaders(table);
        table.getItems().setAll(diff.rows());
        table.getColumns().add(column("#", 50, r -> r.leftLine() == 0 ? "" : String.valueOf(r.leftLine())));
        table.getColumns().add(column("v" + left.version(), 380, r -> r.left() == null ? "" : r.left()));
        table.getColumns().add(column("#", 50, r -> r.rightLine() == 0 ? "" : String.valueOf(r.rightLine())));
        table.getColumns().add(column("v" + right.version(), 380, r -> r.right() == null ? "" : r.right()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setStyle("-fx-font-family: monospace;");
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PolicyDiff.Row row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(empty || row == null ? "" : switch (row.kind()) {
                    case SAME -> "";
                    case CHANGED -> "-fx-background-color: -color-warning-subtle;";
                    case ADDED -> "-fx-background-color: -color-success-subtle;";
                    case REMOVED -> "-fx-background-color: -color-danger-subtle;";
                });
            }
        });
        Label legend = new Label("Yellow: changed · green: only on the right · red: only on the left");
        VBox content = new VBox(8, table, legend);
        content.setPrefSize(960, 560);
        dialog.getDialogPane().setContent(content);
        dialog.show();
    }

    private static TableColumn<PolicyDiff.Row, String> column(String title, double width,
                                                              java.util.function.Function<PolicyDiff.Row, String> value) {
        TableColumn<PolicyDiff.Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }
}
