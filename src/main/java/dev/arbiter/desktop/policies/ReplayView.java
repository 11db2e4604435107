package dev.arbiter.desktop.policies;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.desktop.common.Feedback;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Replay tab of the Policies screen (issue 19): policy, version, From, To and Agents on one row, Replay
 * (Ctrl+Enter) and Stop (Escape) with a progress bar, then the WARNING lines and the changed decisions of the
 * chosen kind. Logic lives in {@link ReplayViewModel}.
 */
final class ReplayView {

    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final VBox root;

    ReplayView(ReplayViewModel vm, ObservableList<PolicySummary> policies,
               ObservableValue<String> openPolicy) {
        ComboBox<String> policy = new ComboBox<>();
        policy.setId("replay-policy");
        policy.setPromptText("Policy");
        policies.addListener((ListChangeListener<PolicySummary>) c -> policy.getItems().setAll(
                policies.stream().map(PolicySummary::name).toList()));
        policy.getItems().setAll(policies.stream().map(PolicySummary::name).toList());
        policy.valueProperty().bindBidirectional(vm.policyProperty());
        openPolicy.addListener((o, a, b) -> {
            if (b != null && !vm.runningProperty().get()) {
                vm.policyProperty().set(b);
            }
        });

        ComboBox<String> version = new ComboBox<>(vm.versions());
        version.setId("replay-version");
        version.valueProperty().bindBidirectional(vm.versionProperty());
        version.setTooltip(new Tooltip("The version that re-decides the recorded requests; \"as recorded\" replays "
                + "each under the version that made it, which must change nothing"));

        TextField from = field("replay-from", "From (empty: the start)", vm.fromProperty());
        TextField to = field("replay-to", "To (empty: now)", vm.toProperty());
        Tooltip times = new Tooltip("2026-11-30 (a whole day), 2026-11-30 14:05 (UTC) or 2026-11-30T14:05+01:00");
        from.setTooltip(times);
        to.setTooltip(times);
        TextField agents = field("replay-agents", "Agents (empty: all)", vm.agentsProperty());
        agents.setPrefColumnCount(16);
        agents.setTooltip(new Tooltip("Agent ids separated by commas; empty replays every agent under the policy"));

        Button run = new Button("Re_play");
        run.setId("replay-run");
        run.setMnemonicParsing(true);
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Replay the range under the version (Ctrl+Enter); nothing is written"));
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty());
        Button stop = new Button("Stop");
        stop.setId("replay-stop");
        stop.setTooltip(new Tooltip("Stop the replay (Escape)"));
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("replay-progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());

        FlowPane form = new FlowPane(8, 8, new Label("Policy"), policy, new Label("Version"), version, from, to,
                agents, run, stop, progress);
        form.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("replay-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Feedback.styleAsError(summary, vm.errorProperty());

        ListView<String> warnings = new ListView<>(vm.warnings());
        warnings.setId("replay-warnings");
        warnings.setPrefHeight(90);
        warnings.setStyle("-fx-text-fill: -color-danger-fg;");
        warnings.getStyleClass().add(Styles.DANGER);
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());

        ComboBox<ChangeKind> kind = new ComboBox<>();
        kind.setId("replay-kind");
        kind.getItems().add(null);
        kind.getItems().addAll(ChangeKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ChangeKind k) {
                return k == null ? "Every kind" : k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }

            @Override
            public ChangeKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        Label examples = new Label("Changed decisions (up to " + ReplayViewModel.EXAMPLES + " of each kind)");
        HBox listHead = new HBox(8, examples, kind);
        listHead.setAlignment(Pos.CENTER_LEFT);

        TableView<ReplayViewModel.ChangeRow> table = new TableView<>(vm.changes());
        table.setId("replay-changes");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Kind", 100, r -> r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        table.getColumns().add(column("When (UTC)", 140, r -> WHEN.format(r.at())));
        table.getColumns().add(column("Agent", 130, ReplayViewModel.ChangeRow::agent));
        table.getColumns().add(column("Action", 150, ReplayViewModel.ChangeRow::action));
        table.getColumns().add(column("Was", 190, ReplayViewModel.ChangeRow::was));
        table.getColumns().add(column("Would be", 190, ReplayViewModel.ChangeRow::now));
        table.getColumns().add(column("Why", 260, ReplayViewModel.ChangeRow::why));
        Label none = new Label("Changed decisions appear here after a replay. Choose a policy, a version and a range "
                + "above, then press Replay (Ctrl+Enter).");
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(none);

        root = new VBox(8, form, summary, warnings, listHead, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setPadding(new Insets(10));
        root.setId("replay-view");
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (RUN.match(e) && !vm.runningProperty().get()) {
                vm.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
                vm.stop();
                e.consume();
            }
        });
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(13);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TableColumn<ReplayViewModel.ChangeRow, String> column(String title, double width,
            Function<ReplayViewModel.ChangeRow, String> value) {
        TableColumn<ReplayViewModel.ChangeRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    Node node() {
        return root;
    }
}
