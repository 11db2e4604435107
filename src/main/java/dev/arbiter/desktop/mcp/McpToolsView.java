package dev.arbiter.desktop.mcp;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.policy.PolicyDiff;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.geometry.Orientation;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The MCP tools screen: pinned tools (changed first), the selected tool's accepted and current versions
 * side by side, and Accept (A or Alt+A, after a confirmation).
 */
public final class McpToolsView extends BorderPane {

    private final McpToolsViewModel model;

    public McpToolsView(McpToolsViewModel model) {
        this.model = model;
        getStyleClass().add("mcp-tools-view");
        setPadding(new Insets(12));
        Label title = new Label("MCP tools");
        title.getStyleClass().add(Styles.TITLE_3);
        Label about = new Label("Each tool an MCP proxy lists is pinned by its description and input schema. "
                + "A later change (a \u201crug pull\u201d) is audited and, where the agent's policy says "
                + "mcp_tool_changes: block, refuses the tool's calls until you accept it here.");
        about.setWrapText(true);
        about.getStyleClass().add(Styles.TEXT_MUTED);
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the split pane below gives way, not the text

        Label blocked = new Label();
        blocked.setId("mcp-tools-blocked");
        blocked.setWrapText(true);
        blocked.getStyleClass().add(Styles.WARNING);
        blocked.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        blocked.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = model.blockedCountProperty().get();
            return n == 0 ? "" : n + (n == 1 ? " tool is" : " tools are") + " blocked: read what changed below, "
                    + "then accept it (A) if it is what you expect.";
        }, model.blockedCountProperty()));
        blocked.visibleProperty().bind(model.blockedCountProperty().greaterThan(0));
        blocked.managedProperty().bind(blocked.visibleProperty());

        TableView<ToolRow> table = new TableView<>(model.rows());
        table.setId("mcp-tools-table");
        Fit.wholeHeaders(table);
        table.getColumns().add(column("Agent", 160, r -> r.tool().agentId()));
        table.getColumns().add(column("Tool", 200, r -> r.tool().tool()));
        table.getColumns().add(column("State", 260, ToolRow::state));
        table.getColumns().add(column("Since", 210, ToolRow::since));
        table.getColumns().add(column("Fingerprint", 150, ToolRow::fingerprint));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ToolRow row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(empty || row == null || !row.tool().changed() ? ""
                        : row.blocked() ? "-fx-background-color: -color-danger-subtle;"
                        : "-fx-background-color: -color-warning-subtle;");
            }
        });
        Label empty = new Label("No MCP tools seen yet. Run arbiter mcp proxy --agent ID in front of an MCP "
                + "server (see docs/mcp.md); its tools appear here when the client first lists them.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });

        TableView<PolicyDiff.Row> diff = diffTable();
        Label diffTitle = new Label();
        diffTitle.setWrapText(true);
        diffTitle.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        diffTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            ToolRow r = model.selectedProperty().get();
            if (r == null) {
                return "Choose a tool to see its description and input schema.";
            }
            return r.tool().changed() ? "What changed in " + r.tool().tool() + " (left: accepted, right: now). "
                    + "Red: removed · green: added · yellow: changed."
                    : r.tool().tool() + " as accepted; nothing changed since.";
        }, model.selectedProperty()));
        model.diffProperty().addListener((o, was, now) -> diff.getItems().setAll(now == null ? java.util.List.of()
                : now.rows()));
        VBox diffBox = new VBox(6, diffTitle, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, diffBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        VBox.setVgrow(split, Priority.ALWAYS);

        Button accept = new Button("_Accept change\u2026");
        accept.setId("mcp-tool-accept");
        accept.setMnemonicParsing(true);
        accept.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ToolRow r = model.selectedProperty().get();
            return r == null || !r.tool().changed();
        }, model.selectedProperty()));
        accept.setOnAction(e -> confirmAccept());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.A && !e.isShortcutDown() && !e.isAltDown()) {
                e.consume();
                confirmAccept();
            }
        });
        Fit.whole(accept);
        Label status = new Label();
        status.setId("mcp-tools-status");
        status.setWrapText(true);
        status.textProperty().bind(model.status().textProperty());
        Feedback.styleAsError(status, model.status().errorProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bottom = new HBox(10, accept, status);
        bottom.setAlignment(Pos.CENTER_LEFT);

        setCenter(new VBox(10, title, about, blocked, split, bottom));
    }

    private void confirmAccept() {
        ToolRow r = model.selectedProperty().get();
        if (r == null || !r.tool().changed()) {
            return;
        }
        if (Dialogs.confirm(getScene().getWindow(), "Accept the change to " + r.tool().tool(),
                "The agent " + r.tool().agentId() + " will see " + r.tool().tool() + " with the description and "
                        + "input schema shown on the right, and its calls are decided by the policy again. "
                        + "Accept only if the change is what you expect; this is recorded in the audit ledger.",
                "Accept")) {
            model.accept(r);
        }
    }

    private static TableView<PolicyDiff.Row> diffTable() {
        TableView<PolicyDiff.Row> table = new TableView<>();
        table.setId("mcp-tool-diff");
        Fit.wholeHeaders(table);
        table.getColumns().add(diffColumn("Accepted", r -> r.left() == null ? "" : r.left()));
        table.getColumns().add(diffColumn("Now", r -> r.right() == null ? "" : r.right()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setStyle("-fx-font-family: monospace;");
        table.setFocusTraversable(true);
        table.setPlaceholder(new Label("Nothing to compare yet."));
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
        return table;
    }

    private static <T> TableColumn<T, String> diffColumn(String title, Function<T, String> text) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static TableColumn<ToolRow, String> column(String title, double width, Function<ToolRow, String> text) {
        TableColumn<ToolRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }
}
