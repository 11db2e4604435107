package dev.arbiter.desktop.policies;

import dev.arbiter.desktop.common.Feedback;
import atlantafx.base.theme.Styles;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.desktop.common.Dialogs;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import dev.arbiter.desktop.common.Fit;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The policies tab: the policy list; the YAML editor with its live problems
 * (click one, or press Enter on it, to jump to its line and column); the saved
 * versions with activate, compare and "which agents run which version"; and
 * the test bench.
 */
final class PolicyEditorView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    private final PoliciesViewModel model;
    private final BorderPane root = new BorderPane();
    private final TextArea editor = new TextArea();
    private final ListView<PolicySummary> list;
    private final TableView<PolicyVersion> versions = new TableView<>();
    /** Held here: a binding only its listeners refer to would be garbage-collected. */
    private final javafx.beans.binding.BooleanBinding hasProblems;

    PolicyEditorView(PoliciesViewModel model) {
        dev.arbiter.desktop.common.Fit.wholeHeaders(versions);
        this.model = model;
        this.list = new ListView<>(model.policies());
        // policy names cannot wrap: the list is as wide as the longest, rather than scrolling sideways
        Fit.wholeItems(list, PolicySummary::name);
        this.hasProblems = Bindings.isNotEmpty(model.problems());
        Node left = policyList();
        Node side = sidePanel();
        SplitPane split = new SplitPane(left, editorPane(), side);
        split.setDividerPositions(0.2, 0.64);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(side, false);
        Fit.keepMinimums(split);
        root.setCenter(split);
        root.getStyleClass().add("policy-editor-view");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SAVE.match(e)) {
                model.save();
                e.consume();
            } else if (NEW.match(e)) {
                newPolicy();
                e.consume();
            }
        });
    }

    Node node() {
        return root;
    }

    private Node policyList() {
        list.setId("policy-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PolicySummary p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setText(null);
                    return;
                }
                String state = p.activeVersion() == null ? "no active version"
                        : "v" + p.activeVersion() + " active";
                if (p.activeVersion() != null && p.latestVersion() > p.activeVersion()) {
                    state += " · draft v" + p.latestVersion();
                }
                setText(p.name() + "\n" + state + " · " + p.agents() + (p.agents() == 1 ? " agent" : " agents"));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, before, after) -> {
            if (after != null && !after.name().equals(model.openPolicyProperty().get())) {
                if (confirmDiscard()) {
                    model.open(after.name());
                } else {
                    list.getSelectionModel().select(before);
                }
            }
        });
        Label empty = new Label("No policies yet.\nClick New (Ctrl+N) to write one, or Import a YAML file such as "
                + "the guide's customer-support-agent.yaml.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);

        Button add = new Button("_New");
        add.setMnemonicParsing(true);
        add.setOnAction(e -> newPolicy());
        Button importFile = new Button("_Import…");
        importFile.setMnemonicParsing(true);
        importFile.setOnAction(e -> importFile());
        Button export = new Button("E_xport…");
        export.setMnemonicParsing(true);
        export.setOnAction(e -> exportFile());
        export.disableProperty().bind(Bindings.isEmpty(model.versions()));
        dev.arbiter.desktop.common.Fit.whole(add, importFile, export);
        javafx.scene.layout.FlowPane tools = new javafx.scene.layout.FlowPane(6, 6, add, importFile, export);
        VBox box = new VBox(8, tools, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        // at least 250 px, and as wide as the list of names needs (the split pane's divider stops there)
        box.minWidthProperty().bind(Bindings.max(250, list.minWidthProperty().add(16)));
        return box;
    }

    private Node editorPane() {
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String name = model.openPolicyProperty().get();
            String shown = name == null ? (model.textProperty().get().isEmpty() ? "No policy open" : "New policy")
                    : name;
            return shown + (model.dirtyProperty().get() ? " (edited)" : "");
        }, model.openPolicyProperty(), model.dirtyProperty(), model.textProperty()));

        editor.setId("policy-editor");
        editor.setStyle("-fx-font-family: monospace;");
        editor.textProperty().bindBidirectional(model.textProperty());
        editor.setPromptText("Select a policy on the left, or click New to start one.");
        VBox.setVgrow(editor, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("policy-check-summary");
        summary.textProperty().bind(model.checkSummaryProperty());
        Feedback.styleAsError(summary, hasProblems);

        ListView<PolicyProblem> problems = new ListView<>(model.problems());
        problems.setId("policy-problems");
        problems.setPrefHeight(120);
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PolicyProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : "Line " + p.line() + ", column " + p.column() + ": " + p.message());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Label clean = new Label();
        // "No problems" only for a policy that was checked; with none open there is nothing to check
        clean.textProperty().bind(Bindings.when(model.openPolicyProperty().isNull()
                .and(model.textProperty().isEmpty()))
                .then("No policy open: pick one on the left, or press New to write one.")
                .otherwise("No problems."));
        clean.setWrapText(true);
        clean.getStyleClass().add(Styles.TEXT_MUTED);
        problems.setPlaceholder(clean);
        problems.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                jumpTo(problems.getSelectionModel().getSelectedItem());
            }
        });
        problems.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                jumpTo(problems.getSelectionModel().getSelectedItem());
            }
        });

        TextField note = new TextField();
        note.setPromptText("Why this change? (kept with the version)");
        note.textProperty().bindBidirectional(model.noteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button save = new Button("_Save version");
        save.setMnemonicParsing(true);
        save.getStyleClass().add(Styles.ACCENT);
        save.setId("policy-save");
        save.setTooltip(new javafx.scene.control.Tooltip("Save as a new version (Ctrl+S)"));
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(model.validProperty().not().or(model.dirtyProperty().not()
                .and(model.openPolicyProperty().isNotNull())));
        Button revert = new Button("_Revert");
        revert.setMnemonicParsing(true);
        revert.setOnAction(e -> model.revert());
        revert.disableProperty().bind(model.dirtyProperty().not());

        Label message = new Label();
        message.setWrapText(true);
        message.setId("policy-message");
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        // the commands keep their names; the note gives way (and the divider stops before it would)
        Fit.whole(save, revert);
        VBox box = new VBox(8, title, editor, summary, problems, new HBox(8, note, save, revert), message);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node sidePanel() {
        versions.setId("policy-versions");
        versions.setItems(model.versions());
        versions.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        versions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        java.util.function.Function<PolicyVersion, String> version = v -> "v" + v.version()
                + (Objects.equals(v.version(), model.activeVersionProperty().get()) ? " (active)" : "");
        java.util.function.Function<PolicyVersion, String> saved = v -> WHEN.format(v.createdAt());
        TableColumn<PolicyVersion, String> versionColumn = column("Version", 105, version);
        TableColumn<PolicyVersion, String> savedColumn = column("Saved", 125, saved);
        TableColumn<PolicyVersion, String> byColumn = column("By", 70, PolicyVersion::author);
        TableColumn<PolicyVersion, String> noteColumn = column("Note", 160, v -> v.note() == null ? "" : v.note());
        versions.getColumns().add(versionColumn);
        versions.getColumns().add(savedColumn);
        versions.getColumns().add(byColumn);
        versions.getColumns().add(noteColumn);
        // which version, when and by whom are read whole ("v2 (acti…", "2026-12-…" at 1280 x 800); the note
        // gives way and shows whole in its tooltip
        Fit.wholeCells(versions, versionColumn, version);
        Fit.wholeCells(versions, savedColumn, saved);
        Fit.wholeCells(versions, byColumn, PolicyVersion::author);
        noteColumn.getStyleClass().add(Fit.SECONDARY);
        noteColumn.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String note, boolean empty) {
                super.updateItem(note, empty);
                setText(empty ? null : note);
                setTooltip(empty || note == null || note.isEmpty() ? null : new javafx.scene.control.Tooltip(note));
            }
        });
        versions.setTooltip(new javafx.scene.control.Tooltip("Double-click a version to open it; select two to "
                + "compare them"));
        model.activeVersionProperty().addListener((o, a, b) -> versions.refresh());
        Label none = new Label("Saved versions appear here.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        versions.setPlaceholder(none);
        versions.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selectedVersion() != null && confirmDiscard()) {
                model.openVersion(selectedVersion());
            }
        });

        Button open = new Button("_Open");
        open.setMnemonicParsing(true);
        open.setOnAction(e -> {
            if (selectedVersion() != null && confirmDiscard()) {
                model.openVersion(selectedVersion());
            }
        });
        Button activate = new Button("_Activate…");
        activate.setMnemonicParsing(true);
        activate.setOnAction(e -> activate());
        Button compare = new Button("_Compare");
        compare.setMnemonicParsing(true);
        compare.setTooltip(new javafx.scene.control.Tooltip("Select two versions, or one to compare with the active"));
        compare.setOnAction(e -> compare());
        var noneSelected = Bindings.isEmpty(versions.getSelectionModel().getSelectedItems());
        open.disableProperty().bind(noneSelected);
        activate.disableProperty().bind(noneSelected);
        compare.disableProperty().bind(noneSelected);

        Label usageTitle = new Label("Agents under this policy");
        usageTitle.getStyleClass().add(Styles.TEXT_BOLD);
        ListView<String> usage = new ListView<>(model.usage());
        usage.setPrefHeight(110);
        Label noAgents = new Label();
        // says what is true: with no policy open there is no "this policy" to run under
        noAgents.textProperty().bind(Bindings.when(model.openPolicyProperty().isEmpty())
                .then("Open a policy to see the agents that run under it.")
                .otherwise("No agent runs under this policy yet: assign it in the Agents tab."));
        noAgents.setWrapText(true);
        noAgents.getStyleClass().add(Styles.TEXT_MUTED);
        usage.setPlaceholder(noAgents);

        VBox history = new VBox(8, versions, new HBox(6, open, activate, compare), usageTitle, usage);
        VBox.setVgrow(versions, Priority.ALWAYS);
        history.setPadding(new Insets(8));

        TabPane tabs = new TabPane(new Tab("Versions", history),
                new Tab("Test bench", new TestBenchView(model.bench()).node()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinWidth(380);
        return tabs;
    }

    private PolicyVersion selectedVersion() {
        return versions.getSelectionModel().getSelectedItem();
    }

    private void newPolicy() {
        if (confirmDiscard()) {
            list.getSelectionModel().clearSelection();
            model.newPolicy();
            editor.requestFocus();
        }
    }

    private void activate() {
        PolicyVersion v = selectedVersion();
        if (v == null) {
            return;
        }
        Integer active = model.activeVersionProperty().get();
        if (Objects.equals(active, v.version())) {
            model.showError(v.label() + " is already active.");
            return;
        }
        boolean rollback = active != null && v.version() < active;
        String title = (rollback ? "Roll back to " : "Activate ") + v.label();
        String label = rollback ? "Roll back" : "Activate";
        if (active == null) {
            if (Dialogs.confirm(root.getScene().getWindow(), title, "Agents that follow the active version will run "
                    + "under " + v.label() + " from their next action.", label)) {
                model.activate(v);
            }
            return;
        }
        // issue 19: what the version would change comes first (replay and shadow report), then the question
        model.preview(v, preview -> {
            if (ReportDialog.confirmActivation(root.getScene().getWindow(), title, preview, label)) {
                model.activate(v, preview);
            }
        });
    }

    private void compare() {
        List<PolicyVersion> chosen = List.copyOf(versions.getSelectionModel().getSelectedItems());
        PolicyVersion left;
        PolicyVersion right;
        if (chosen.size() >= 2) {
            left = chosen.get(0).version() < chosen.get(1).version() ? chosen.get(0) : chosen.get(1);
            right = left == chosen.get(0) ? chosen.get(1) : chosen.get(0);
        } else {
            Integer active = model.activeVersionProperty().get();
            PolicyVersion other = model.versions().stream()
                    .filter(v -> v != chosen.get(0) && (active == null ? v.version() == chosen.get(0).version() - 1
                            : v.version() == active)).findFirst().orElse(null);
            if (other == null) {
                model.showError("Select two versions to compare (Ctrl+click the second one).");
                return;
            }
            left = other.version() < chosen.get(0).version() ? other : chosen.get(0);
            right = left == other ? chosen.get(0) : other;
        }
        model.diff(left, right, diff -> DiffDialog.show(root.getScene().getWindow(), left, right, diff));
    }

    private void importFile() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a policy");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Policy YAML", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            model.importFile(file.toPath());
        }
    }

    private void exportFile() {
        PolicyVersion v = selectedVersion() != null ? selectedVersion() : model.versions().get(0);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + v.label());
        chooser.setInitialFileName(v.name() + (v.version() == model.versions().get(0).version() ? "" : "-v"
                + v.version()) + ".yaml");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.exportTo(file.toPath(), v);
        }
    }

    private boolean confirmDiscard() {
        return !model.dirtyProperty().get() || Dialogs.confirm(root.getScene().getWindow(), "Discard your edits?",
                "The policy in the editor has changes that are not saved.", "Discard");
    }

    /** Puts the caret on the problem's line and column. */
    private void jumpTo(PolicyProblem problem) {
        if (problem == null) {
            return;
        }
        String text = editor.getText();
        int index = 0;
        for (int line = 1; line < problem.line() && index >= 0; line++) {
            index = text.indexOf('\n', index) + 1;
            if (index == 0) {
                index = text.length();
                break;
            }
        }
        int lineEnd = text.indexOf('\n', index);
        int column = Math.min(problem.column() - 1, (lineEnd < 0 ? text.length() : lineEnd) - index);
        editor.requestFocus();
        editor.positionCaret(Math.max(0, Math.min(text.length(), index + column)));
    }

    private static TableColumn<PolicyVersion, String> column(String title, double width,
                                                             java.util.function.Function<PolicyVersion, String> value) {
        TableColumn<PolicyVersion, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }
}
