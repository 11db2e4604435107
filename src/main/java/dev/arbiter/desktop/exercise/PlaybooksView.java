package dev.arbiter.desktop.exercise;

import atlantafx.base.theme.Styles;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Playbooks tab: the playbook files on the left, the selected playbook as a person reads it in the
 * middle, its YAML on the right, checked on every edit with each problem's line and column. Ctrl+S saves
 * (only text that reads cleanly); the keys work only while the focus is inside this tab.
 */
public final class PlaybooksView {

    private final PlaybooksViewModel model;
    private final SplitPane root = new SplitPane();

    public PlaybooksView(PlaybooksViewModel model) {
        this.model = model;
        root.getStyleClass().add("playbooks");
        root.getItems().addAll(list(), readable(), editor());
        root.setDividerPositions(0.2, 0.58);
    }

    /** The tab's keys (Ctrl+S saves); the screen routes key presses here while this tab is on show. */
    void keys(KeyEvent e) {
        if (e.isShortcutDown() && !e.isShiftDown() && !e.isAltDown() && e.getCode() == KeyCode.S) {
            e.consume();
            model.save();
        }
    }

    public Node node() {
        return root;
    }

    private Node list() {
        Label heading = new Label("Playbooks");
        heading.getStyleClass().add(Styles.TITLE_3);
        ListView<String> files = new ListView<>(model.files());
        files.setId("playbook-files");
        Fit.wholeItems(files, name -> name); // file names cannot wrap: the pane is as wide as the longest
        files.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(model.selectedProperty().get())) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(files.getSelectionModel().getSelectedItem())) {
                files.getSelectionModel().select(now);
            }
        });
        files.setPlaceholder(new Label("No playbook files: add a .yaml file to the folder below."));
        VBox.setVgrow(files, Priority.ALWAYS);
        Label folder = new Label();
        folder.setId("playbook-folder");
        folder.setWrapText(true);
        folder.getStyleClass().add(Styles.TEXT_MUTED);
        folder.textProperty().bind(model.folderProperty().map(f -> f.isEmpty() ? "" : "Folder: " + f));
        VBox box = new VBox(8, heading, files, folder);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node readable() {
        Label text = new Label();
        text.setId("playbook-readable");
        text.setWrapText(true);
        text.textProperty().bind(model.readableProperty());
        ScrollPane scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.setFocusTraversable(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(8, scroll);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node editor() {
        Label heading = new Label("YAML");
        heading.getStyleClass().add(Styles.TITLE_4);
        Label unsaved = new Label("unsaved");
        unsaved.setId("playbook-unsaved");
        unsaved.getStyleClass().add(Styles.WARNING);
        unsaved.visibleProperty().bind(model.dirtyProperty());
        HBox header = new HBox(10, heading, unsaved);
        header.setAlignment(Pos.CENTER_LEFT);

        TextArea yaml = new TextArea();
        yaml.setId("playbook-yaml");
        yaml.getStyleClass().add("code");
        yaml.setStyle("-fx-font-family: monospace;");
        yaml.textProperty().bindBidirectional(model.textProperty());
        VBox.setVgrow(yaml, Priority.ALWAYS);

        Label problems = new Label();
        problems.setId("playbook-problems");
        problems.setWrapText(true);
        problems.getStyleClass().add(Styles.DANGER);
        problems.textProperty().bind(model.problemsProperty());

        Button save = new Button("_Save");
        save.setId("playbook-save");
        save.setTooltip(new Tooltip("Ctrl+S: only text without problems is saved"));
        save.disableProperty().bind(model.dirtyProperty().not().or(model.validProperty().not()));
        save.setOnAction(e -> model.save());
        Button revert = new Button("Re_vert");
        revert.setId("playbook-revert");
        revert.disableProperty().bind(model.dirtyProperty().not());
        revert.setOnAction(e -> model.revert());
        Button shipped = new Button("Restore s_hipped text");
        shipped.setId("playbook-shipped");
        shipped.setTooltip(new Tooltip("Puts Arbiter's default text in the editor; nothing is saved until you save"));
        shipped.setOnAction(e -> model.restoreShipped());
        Fit.whole(save, revert, shipped);
        FlowPane buttons = new FlowPane(8, 8, save, revert, shipped);

        Label message = new Label();
        message.setId("playbook-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        VBox box = new VBox(8, header, yaml, problems, buttons, message);
        box.setPadding(new Insets(12));
        return box;
    }
}
