package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.RiskBand;
import dev.arbiter.desktop.common.Dialogs;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * The risk assessment screen: the list on the left, the editor of the selected
 * assessment on the right. Wires selection, creation and refreshes between the
 * two view models; holds no rules.
 */
public final class AssessmentView extends SplitPane {

    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

    private final AssessmentListViewModel list;
    private final AssessmentEditorViewModel editor;
    private final AssessmentListView listView;
    private final AssessmentEditorView editorView;
    private long selectedId = -1;

    public AssessmentView(AssessmentListViewModel list, AssessmentEditorViewModel editor) {
        this.list = list;
        this.editor = editor;
        getStyleClass().add("assessment-screen");
        getStylesheets().add(AssessmentView.class.getResource("assessment.css").toExternalForm());
        listView = new AssessmentListView(list);
        editorView = new AssessmentEditorView(editor);
        Label nothing = new Label("Select an assessment on the left, or create one with New assessment.");
        nothing.getStyleClass().add("empty-state");
        nothing.setWrapText(true);
        nothing.setPadding(new Insets(24));
        StackPane right = new StackPane(nothing, editorView);
        editorView.visibleProperty().bind(editor.assessmentProperty().isNotNull());
        nothing.visibleProperty().bind(editor.assessmentProperty().isNull());
        getItems().addAll(listView, right);
        setDividerPositions(0.38);
        SplitPane.setResizableWithParent(listView, false);
        dev.arbiter.desktop.common.Fit.keepMinimums(this);

        list.setOnFailure(this::showFailure);
        editor.setOnFailure(this::showFailure);
        editor.setOnChanged(() -> list.refresh(this::reselect));
        listView.createButton().setOnAction(e -> create());
        editorView.setOnDiscard(() -> editor.discardDraft(this::discarded));
        listView.undoButton().setOnAction(e -> list.undoDiscard(this::show));
        listView.setOnToleranceChosen(this::changeTolerance);
        listView.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.id() != selectedId) {
                selectedId = now.id();
                editor.load(now.id());
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (NEW.match(e)) {
                e.consume();
                create();
            } else if (UNDO.match(e) && list.undoableProperty().get() != null
                    && !(getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
                e.consume(); // in a text field Ctrl+Z undoes typing
                list.undoDiscard(this::show);
            }
        });
        // Pending edits are saved before the window closes (autosave covers the rest).
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((ow, wasWindow, window) -> watchClose(window));
                watchClose(scene.getWindow());
            }
        });
    }

    private void watchClose(Window window) {
        if (window != null) {
            window.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> editor.saveBeforeExit());
        }
    }

    /** Called by the screen when it is shown. */
    void refresh() {
        list.refresh(this::reselect);
    }

    /**
     * Another process changed assessments: the list is read again and the editor follows the selected
     * row (cleared when it left the list, re-read when it changed there and nothing typed is unsaved).
     */
    void followWorkspace() {
        list.refresh(() -> {
            reselect();
            if (selectedId >= 0) {
                AssessmentSummary listed = list.all().stream().filter(s -> s.id() == selectedId).findFirst()
                        .orElse(null);
                if (listed == null) {
                    selectedId = -1;
                }
                editor.follow(listed);
            }
        });
    }

    private void reselect() {
        if (selectedId < 0) {
            return;
        }
        for (AssessmentSummary s : listView.table().getItems()) {
            if (s.id() == selectedId) {
                listView.table().getSelectionModel().select(s);
                return;
            }
        }
    }

    private void create() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("New risk assessment");
        dialog.setHeaderText("Which agentic system is assessed?");
        dialog.setContentText("System name:");
        dialog.getEditor().setId("new-system-name");
        dialog.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).disableProperty()
                .bind(dialog.getEditor().textProperty().isEmpty());
        Optional<String> name = dialog.showAndWait().map(String::strip);
        if (name.isEmpty() || name.get().isEmpty()) {
            return;
        }
        list.create(name.get(), this::show);
    }

    /** The draft is gone: nothing is selected, and Undo is offered with the focus on it. */
    private void discarded(Assessment draft) {
        selectedId = -1;
        listView.table().getSelectionModel().clearSelection();
        list.offerUndo(draft);
        listView.undoButton().requestFocus();
    }

    private void show(Assessment created) {
        selectedId = created.id();
        list.searchProperty().set("");
        list.statusProperty().set(null);
        list.minimumResidualProperty().set(null);
        list.overdueOnlyProperty().set(false);
        reselect();
        editor.load(created.id());
        editor.assessmentProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Assessment> o, Assessment was,
                                Assessment now) {
                if (now != null && now.id() == created.id()) {
                    o.removeListener(this);
                    editorView.focusSystemName();
                }
            }
        });
    }

    private void changeTolerance(RiskBand band) {
        if (Dialogs.confirm(getScene().getWindow(), "Residual tolerance",
                "Allow residual risks up to " + band.label().toLowerCase(Locale.ROOT) + " (" + band.describe()
                        + ") without an exception? This applies to every assessment awaiting approval and is"
                        + " recorded in the audit ledger.", "Change tolerance")) {
            list.setTolerance(band, () -> {
                Assessment shown = editor.assessmentProperty().get();
                if (shown != null) {
                    editor.load(shown.id(), shown.version());
                }
            });
        } else {
            listView.table().requestFocus();
            list.refresh();
        }
    }

    private void showFailure(Throwable failure) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        Dialogs.error(owner, "Risk assessment", failure);
    }
}
