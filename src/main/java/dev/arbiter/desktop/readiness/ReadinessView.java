package dev.arbiter.desktop.readiness;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.ChecklistItem;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.DimensionChange;
import dev.arbiter.core.readiness.HistoryEntry;
import dev.arbiter.core.readiness.Phase;
import dev.arbiter.core.readiness.Recommendation;
import dev.arbiter.core.readiness.Verdict;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.readiness.ReadinessViewModel.DimensionRow;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/**
 * The readiness screen: the history on the left, the decision matrix (with
 * next steps and trend in tabs) in the middle, the live total, verdict and
 * radar on the right. Builds nodes and binds them to the view model; all
 * decisions are the view model's and core's.
 *
 * <p>Keyboard: with a score focused, 1-5 set it and Tab moves to the notes;
 * Tab in the notes moves to the next dimension's score (Shift+Tab back).
 */
public final class ReadinessView {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final javafx.css.PseudoClass LOCKED = javafx.css.PseudoClass.getPseudoClass("locked");

    private final ReadinessViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final List<ScorePicker> pickers = new ArrayList<>();
    private final List<TextArea> notes = new ArrayList<>();
    private final RadarCanvas radar = new RadarCanvas();
    private final VBox nextStepsBox = new VBox(8);
    private final VBox checklistBox = new VBox(6);
    private final LineChart<String, Number> trendChart;
    private final ListView<HistoryEntry> historyList = new ListView<>();
    private final Button complete = new Button("Complete…");
    private boolean closeHeld;

    public ReadinessView(ReadinessViewModel viewModel) {
        this.viewModel = viewModel;
        NumberAxis y = new NumberAxis("Total (of 30)", 0, 30, 5);
        this.trendChart = new LineChart<>(new CategoryAxis(), y);
        root.getStyleClass().add("readiness");
        root.getStylesheets().add(Objects.requireNonNull(
                ReadinessView.class.getResource("readiness.css")).toExternalForm());
        root.setTop(toolbar());
        root.setLeft(historyPane());
        root.setCenter(centre());
        root.setRight(verdictPane());
        viewModel.setErrorHandler((title, failure) -> Dialogs.error(window(), title, failure));
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((ow, wasWindow, window) -> holdCloseUntilSaved(window));
                holdCloseUntilSaved(scene.getWindow());
            }
        });
        viewModel.loadedProperty().addListener((o, was, now) -> {
            selectInHistory(now);
            if (now != null && !now.isCompleted() && (was == null || was.id() != now.id()) && !pickers.isEmpty()) {
                pickers.get(0).requestFocus();
            }
        });
    }

    public Node root() {
        return root;
    }

    /**
     * Closing the window right after typing would drop the edit still waiting
     * for its autosave: the close is held back until it is saved, then done.
     * If saving fails, the next close request is let through (the status says why).
     */
    private void holdCloseUntilSaved(javafx.stage.Window window) {
        if (window == null || window.getProperties().containsKey(ReadinessView.class)) {
            return;
        }
        window.getProperties().put(ReadinessView.class, Boolean.TRUE);
        window.addEventFilter(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (viewModel.allSavedProperty().get() || closeHeld) {
                return;
            }
            closeHeld = true;
            e.consume();
            viewModel.flush();
            viewModel.allSavedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was,
                                    Boolean saved) {
                    if (saved) {
                        viewModel.allSavedProperty().removeListener(this);
                        window.hide();
                    }
                }
            });
        });
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // --- top: commands and the assessment's header

    private Node toolbar() {
        Label title = new Label("Readiness");
        title.getStyleClass().add(Styles.TITLE_3);
        Button startNew = button("New assessment", Material2AL.ADD, e -> viewModel.startNew());
        Button copy = button("Copy to new draft", Material2AL.CONTENT_COPY, e -> viewModel.copyToNew());
        copy.disableProperty().bind(viewModel.loadedProperty().isNull());
        complete.setGraphic(new FontIcon(Material2AL.CHECK_CIRCLE_OUTLINE));
        complete.getStyleClass().add(Styles.SUCCESS);
        complete.setOnAction(e -> confirmComplete());
        complete.disableProperty().bind(viewModel.editableProperty().not()
                .or(viewModel.completionProblemsProperty().isNotEmpty()));
        Tooltip why = new Tooltip();
        why.textProperty().bind(Bindings.createStringBinding(() -> viewModel.completionProblemsProperty().get()
                .isEmpty() ? "Make this assessment part of the history (read-only, audited)"
                : "To complete: " + viewModel.completionProblemsProperty().get(),
                viewModel.completionProblemsProperty()));
        complete.setTooltip(why);
        Button discard = button("Discard draft", Material2AL.DELETE_OUTLINE, e -> confirmDiscard());
        discard.visibleProperty().bind(viewModel.editableProperty());
        discard.managedProperty().bind(discard.visibleProperty());
        Button export = button("Export PDF…", Material2OutlinedAL.INSERT_DRIVE_FILE, e -> exportPdf());
        export.disableProperty().bind(viewModel.loadedProperty().isNull());
        Label status = new Label();
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        viewModel.statusIsProblemProperty().addListener((o, was, bad) ->
                status.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("problem"), bad));
        status.getStyleClass().add("save-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        // the title and the commands keep their full width; the status line has a row of its own and
        // wraps, so a long message never squeezes them (the row is empty, and takes no room, without one)
        for (Region whole : List.of(title, startNew, copy, discard, complete, export)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox commands = new HBox(8, title, grow, startNew, copy, discard, complete, export);
        commands.setAlignment(Pos.CENTER_LEFT);
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());

        TextField subject = new TextField();
        subject.setPromptText("Organisation or business unit");
        subject.textProperty().bindBidirectional(viewModel.subjectProperty());
        subject.editableProperty().bind(viewModel.editableProperty());
        subject.setPrefColumnCount(24);
        DatePicker date = new DatePicker();
        date.valueProperty().bindBidirectional(viewModel.assessedOnProperty());
        date.disableProperty().bind(viewModel.editableProperty().not());
        date.setPrefWidth(150);
        TextField assessor = new TextField();
        assessor.setPromptText("Assessor");
        assessor.textProperty().bindBidirectional(viewModel.assessorProperty());
        assessor.editableProperty().bind(viewModel.editableProperty());
        assessor.setPrefColumnCount(18);
        HBox header = new HBox(8, caption("Organisation / unit"), subject, caption("Date"), date,
                caption("Assessor"), assessor);
        header.getChildren().forEach(n -> ((Region) n).setMinWidth(n instanceof TextField ? 60 : Region.USE_PREF_SIZE));
        header.setAlignment(Pos.CENTER_LEFT);
        header.disableProperty().bind(viewModel.loadedProperty().isNull());

        Label readOnly = new Label();
        readOnly.getStyleClass().add("read-only-banner");
        readOnly.setMaxWidth(Double.MAX_VALUE);
        readOnly.textProperty().bind(Bindings.createStringBinding(() -> {
            Assessment a = viewModel.loadedProperty().get();
            return a == null || !a.isCompleted() ? "" : "Completed " + a.completedAt().atZone(ZoneId.systemDefault())
                    .toLocalDate() + " by " + a.completedBy() + ". Completed assessments are read-only: "
                    + "use “Copy to new draft” to start the next one.";
        }, viewModel.loadedProperty()));
        readOnly.visibleProperty().bind(readOnly.textProperty().isNotEmpty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        VBox top = new VBox(8, commands, status, header, readOnly);
        top.setPadding(new Insets(12, 16, 8, 16));
        return top;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon,
                                 javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setOnAction(action);
        return b;
    }

    private void confirmComplete() {
        Verdict v = viewModel.verdictProperty().get();
        if (Dialogs.confirm(window(), "Complete this assessment?", "Verdict: " + (v == null ? "" : v.headline())
                + ".\nA completed assessment is kept in the history and cannot be changed; "
                + "completing it is recorded in the audit ledger.", "Complete")) {
            viewModel.complete();
        }
    }

    private void confirmDiscard() {
        if (Dialogs.confirm(window(), "Discard this draft?", "The draft, its notes and the steps tracked from it are deleted.", "Discard")) {
            viewModel.discard();
        }
    }

    private void exportPdf() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export readiness report");
        chooser.setInitialFileName(viewModel.suggestedFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            viewModel.exportPdf(file.toPath(), written -> { });
        }
    }

    // --- left: history

    private Node historyPane() {
        Label heading = new Label("Assessments");
        heading.getStyleClass().add(Styles.TITLE_4);
        historyList.setItems(viewModel.history());
        historyList.setCellFactory(list -> new HistoryCell());
        historyList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                viewModel.select(now.assessment().id());
            }
        });
        historyList.setPlaceholder(new Label("No assessment yet.\nStart one with\n“New assessment”."));
        VBox.setVgrow(historyList, Priority.ALWAYS);
        VBox box = new VBox(8, heading, historyList);
        box.setPadding(new Insets(0, 0, 12, 16));
        box.setPrefWidth(290);
        return box;
    }

    private void selectInHistory(Assessment a) {
        if (a == null) {
            historyList.getSelectionModel().clearSelection();
            return;
        }
        for (HistoryEntry h : historyList.getItems()) {
            if (h.assessment().id() == a.id() && historyList.getSelectionModel().getSelectedItem() != h) {
                historyList.getSelectionModel().select(h);
            }
        }
    }

    private static final class HistoryCell extends ListCell<HistoryEntry> {
        HistoryCell() {
            setPrefWidth(0); // fit the list's width instead of widening it
        }

        @Override
        protected void updateItem(HistoryEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Assessment a = item.assessment();
            Label first = new Label(a.assessedOn().format(DATE) + " · " + item.verdict().totalText());
            first.getStyleClass().add(Styles.TEXT_BOLD);
            Label verdict = new Label(a.isCompleted() ? item.verdict().outcome().label() : "Draft");
            verdict.getStyleClass().addAll("history-verdict", verdictClass(item.verdict(), a.isCompleted()));
            verdict.setMinWidth(Region.USE_PREF_SIZE);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox line = new HBox(6, first, grow, verdict);
            Label second = new Label(a.subject().isBlank() ? "(no name yet)" : a.subject());
            second.getStyleClass().add(Styles.TEXT_MUTED);
            VBox box = new VBox(2, line, second);
            setGraphic(box);
            setText(null);
        }
    }

    private static String verdictClass(Verdict v, boolean completed) {
        if (!completed || v == null) {
            return "verdict-incomplete";
        }
        return switch (v.outcome()) {
            case READY -> v.warnings().isEmpty() ? "verdict-ready" : "verdict-warning";
            case NOT_READY -> "verdict-not-ready";
            case INCOMPLETE -> "verdict-incomplete";
        };
    }

    // --- centre: matrix, next steps, trend

    private Node centre() {
        TabPane tabs = new TabPane(new Tab("Decision matrix", matrix()), new Tab("Next steps & tracker", steps()),
                new Tab("Trend", trend()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setSide(Side.TOP);
        // what the screen is for and the next step, wrapped (one long line was cut at 1280 px)
        StackPane empty = new StackPane(new dev.arbiter.desktop.common.EmptyState(Material2AL.ASSESSMENT,
                "No readiness assessment yet", "Score the guide's six dimensions from 1 to 5 to see whether the "
                + "organisation is ready to deploy agents (ready at 20 of 30). Press “New assessment” above: "
                + "the draft is saved as you type."));
        empty.setPadding(new Insets(16));
        StackPane centre = new StackPane(tabs, empty);
        empty.visibleProperty().bind(viewModel.loadedProperty().isNull().and(viewModel.loadingProperty().not()));
        tabs.visibleProperty().bind(empty.visibleProperty().not());
        BorderPane.setMargin(centre, new Insets(0, 12, 12, 12));
        return centre;
    }

    private Node matrix() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("matrix");
        grid.setHgap(10);
        grid.setVgap(6);
        // narrow sides: at 1280 px the notes column ended 4 px past the tab's right edge
        grid.setPadding(new Insets(12, 8, 12, 8));
        // two columns, so the notes stay on screen beside the history and the verdict at 1280 px:
        // the dimension above its score, the guide's descriptors above the notes
        ColumnConstraints dimension = new ColumnConstraints(190);
        ColumnConstraints guide = new ColumnConstraints(165, 320, Double.MAX_VALUE);
        guide.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(dimension, guide);
        Label dimensionCaption = caption("Dimension · score (1–5)");
        Label guideCaption = caption("The guide's descriptors · notes and evidence");
        for (Label c : List.of(dimensionCaption, guideCaption)) {
            c.setWrapText(true);
            c.setMinHeight(Region.USE_PREF_SIZE);
        }
        grid.addRow(0, dimensionCaption, guideCaption);
        int r = 1;
        for (DimensionRow row : viewModel.rows()) {
            Label title = new Label(row.dimension().title());
            title.getStyleClass().add(Styles.TEXT_BOLD);
            title.setWrapText(true);
            Label pillar = new Label(row.pillar());
            pillar.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            pillar.setWrapText(true);
            Label change = new Label();
            change.textProperty().bind(row.changeProperty());
            row.directionProperty().addListener((o, was, now) -> changeStyle(change, now));
            changeStyle(change, row.directionProperty().get());
            Label evidence = new Label();
            evidence.getStyleClass().addAll(Styles.TEXT_SMALL, "dimension-evidence");
            evidence.setWrapText(true);
            evidence.textProperty().bind(row.evidenceProperty());
            evidence.visibleProperty().bind(row.evidenceProperty().isNotEmpty());
            evidence.managedProperty().bind(evidence.visibleProperty());
            VBox nameBox = new VBox(2, title, pillar, change, evidence);

            ScorePicker picker = new ScorePicker(row, viewModel);
            viewModel.editableProperty().addListener((o, was, now) ->
                    picker.pseudoClassStateChanged(LOCKED, !now));
            picker.pseudoClassStateChanged(LOCKED, !viewModel.editableProperty().get());
            pickers.add(picker);
            Label meaning = new Label();
            meaning.getStyleClass().addAll(Styles.TEXT_SMALL, "score-meaning");
            meaning.setWrapText(true);
            meaning.setMaxWidth(180);
            meaning.textProperty().bind(Bindings.createStringBinding(row::meaning, row.scoreProperty()));
            VBox scoreBox = new VBox(6, picker, meaning);

            VBox anchors = new VBox(3);
            for (int s : new int[] {1, 3, 5}) {
                Label anchor = new Label(s + "  " + row.descriptors().anchor(s));
                anchor.setWrapText(true);
                anchor.getStyleClass().addAll("anchor", Styles.TEXT_SMALL);
                row.scoreProperty().addListener((o, was, now) -> anchorStyle(anchor, s, now.intValue()));
                anchorStyle(anchor, s, row.scoreProperty().get());
                anchors.getChildren().add(anchor);
            }

            TextArea note = new TextArea();
            note.setPromptText("Evidence for this score");
            note.setWrapText(true);
            note.setPrefRowCount(3);
            note.textProperty().bindBidirectional(row.notesProperty());
            note.editableProperty().bind(viewModel.editableProperty());
            note.setAccessibleText(row.dimension().title() + " notes");
            // arriving by Tab, continue the evidence rather than type over its start
            note.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    note.end();
                }
            });
            notes.add(note);

            Label notesCaption = caption("Notes and evidence");
            notesCaption.getStyleClass().add(Styles.TEXT_SMALL);
            grid.addRow(r++, new VBox(6, nameBox, scoreBox), new VBox(6, anchors, notesCaption, note));
            grid.add(new Separator(), 0, r++, 2, 1);
        }
        wireTabOrder();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Tab from a dimension's notes goes to the next dimension's score; Shift+Tab back to its own score. */
    private void wireTabOrder() {
        for (int i = 0; i < notes.size(); i++) {
            int index = i;
            notes.get(i).addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() != KeyCode.TAB || e.isControlDown()) {
                    return;
                }
                e.consume();
                if (e.isShiftDown()) {
                    pickers.get(index).requestFocus();
                } else if (index + 1 < pickers.size()) {
                    pickers.get(index + 1).requestFocus();
                } else {
                    complete.requestFocus();
                }
            });
        }
    }

    private static void anchorStyle(Label anchor, int anchorScore, int score) {
        anchor.getStyleClass().removeAll("anchor-selected", "anchor-between");
        if (score == anchorScore) {
            anchor.getStyleClass().add("anchor-selected");
        } else if (score != 0 && score % 2 == 0 && Math.abs(score - anchorScore) == 1) {
            anchor.getStyleClass().add("anchor-between");
        }
    }

    private static void changeStyle(Label label, DimensionChange.Direction direction) {
        label.getStyleClass().removeAll("change-improved", "change-fell-back", "change-same");
        label.getStyleClass().add(switch (direction) {
            case IMPROVED -> "change-improved";
            case FELL_BACK -> "change-fell-back";
            default -> "change-same";
        });
    }

    private Node steps() {
        viewModel.nextSteps().addListener((ListChangeListener<Recommendation>) c -> renderSteps());
        viewModel.checklist().addListener((ListChangeListener<ChecklistItem>) c -> {
            renderSteps();
            renderChecklist();
        });
        renderSteps();
        renderChecklist();
        Label stepsTitle = new Label("Recommended next steps");
        stepsTitle.getStyleClass().add(Styles.TITLE_4);
        Label stepsHint = caption("From the guide's 90-day roadmap and pillars, for dimensions scored "
                + viewModel.thresholds().weakScore() + " or below. Track a step to give it an owner and a due date.");
        stepsHint.setWrapText(true);
        Label trackerTitle = new Label("Roadmap tracker");
        trackerTitle.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, stepsTitle, stepsHint, nextStepsBox, new Separator(), trackerTitle, checklistBox);
        box.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void renderSteps() {
        nextStepsBox.getChildren().clear();
        if (viewModel.nextSteps().isEmpty()) {
            nextStepsBox.getChildren().add(caption("No weak dimension: nothing to recommend."));
            return;
        }
        Set<String> tracked = viewModel.checklist().stream().map(ChecklistItem::stepKey).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        for (Phase phase : Phase.values()) {
            List<Recommendation> inPhase = viewModel.nextSteps().stream().filter(r -> r.step().phase() == phase)
                    .toList();
            if (inPhase.isEmpty()) {
                continue;
            }
            Label heading = new Label(phase.label());
            heading.getStyleClass().add(Styles.TEXT_BOLD);
            nextStepsBox.getChildren().add(heading);
            for (Recommendation r : inPhase) {
                Label text = new Label(r.step().text());
                text.setWrapText(true);
                Label meta = new Label(r.weakDimensions().stream().map(Dimension::title)
                        .collect(Collectors.joining(", ")) + "  ·  " + r.step().source());
                meta.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                meta.setWrapText(true);
                boolean isTracked = tracked.contains(r.step().key());
                Button track = new Button(isTracked ? "Tracked" : "Track",
                        new FontIcon(isTracked ? Material2AL.CHECK : Material2AL.ADD_TASK));
                track.setDisable(isTracked || viewModel.loadedProperty().get() == null);
                track.getStyleClass().add(Styles.SMALL);
                track.setMinWidth(Region.USE_PREF_SIZE);
                track.setOnAction(e -> viewModel.track(r));
                // one column, the command under its step: wrapped lines beside a button in an HBox are
                // given one line's height and cut to "…" on a narrow window
                VBox line = new VBox(3, text, meta, track);
                line.getStyleClass().add("step");
                nextStepsBox.getChildren().add(line);
            }
        }
    }

    private void renderChecklist() {
        checklistBox.getChildren().clear();
        if (viewModel.checklist().isEmpty()) {
            checklistBox.getChildren().add(caption("Nothing tracked yet for this assessment."));
            return;
        }
        LocalDate today = LocalDate.now();
        for (ChecklistItem item : viewModel.checklist()) {
            CheckBox done = new CheckBox();
            done.setSelected(item.done());
            done.setOnAction(e -> viewModel.setDone(item, done.isSelected()));
            done.setAccessibleText("Done: " + item.text());
            Label text = new Label(item.text());
            text.setWrapText(true);
            if (item.done()) {
                text.getStyleClass().add(Styles.TEXT_STRIKETHROUGH);
            }
            Label meta = new Label((item.dimension() == null ? "" : item.dimension().title() + "  ·  ")
                    + item.phase().label() + (item.overdue(today) ? "  ·  overdue" : ""));
            meta.getStyleClass().addAll(Styles.TEXT_SMALL, item.overdue(today) ? Styles.DANGER : Styles.TEXT_MUTED);
            // secondary: the step's dimension and phase, also in the recommendations above and the tooltip;
            // on a narrow window it may be cut (ScreensFitTest allows "may-elide" only for such text)
            meta.getStyleClass().add("may-elide");
            meta.setTooltip(new Tooltip(meta.getText()));
            VBox words = new VBox(1, text, meta);
            words.setMinWidth(120);
            HBox.setHgrow(words, Priority.ALWAYS);
            TextField owner = new TextField(item.owner());
            owner.setPromptText("Owner");
            owner.setMinWidth(150);
            owner.setPrefWidth(170);
            DatePicker due = new DatePicker(item.dueOn());
            due.setMinWidth(135);
            due.setPrefWidth(135);
            Runnable commit = () -> viewModel.plan(item, owner.getText(), due.getValue());
            owner.setOnAction(e -> commit.run());
            owner.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit.run();
                }
            });
            due.valueProperty().addListener((o, was, now) -> commit.run());
            Button remove = new Button(null, new FontIcon(Material2MZ.REMOVE_CIRCLE_OUTLINE));
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            remove.setTooltip(new Tooltip("Stop tracking this step"));
            remove.setOnAction(e -> viewModel.untrack(item));
            // the step on one line, who and by when under it: side by side they ran past the tab's right
            // edge at 1280 px, hiding the date (Tab then moved into a field nobody could see)
            HBox step = new HBox(10, done, words);
            step.setAlignment(Pos.CENTER_LEFT);
            HBox plan = new HBox(10, owner, due, remove);
            plan.setAlignment(Pos.CENTER_LEFT);
            plan.setPadding(new Insets(0, 0, 0, 28));
            HBox.setHgrow(owner, Priority.ALWAYS);
            VBox line = new VBox(4, step, plan);
            line.getStyleClass().add("checklist-item");
            checklistBox.getChildren().add(line);
        }
    }

    private Node trend() {
        trendChart.setTitle("Total score over time");
        trendChart.setLegendVisible(true);
        trendChart.setAnimated(false);
        trendChart.getStyleClass().add("trend-chart");
        viewModel.trend().addListener((ListChangeListener<HistoryEntry>) c -> renderTrend());
        renderTrend();
        Label none = new Label("No completed assessment of this organisation or unit yet.");
        StackPane pane = new StackPane(trendChart, none);
        none.visibleProperty().bind(Bindings.isEmpty(viewModel.trend()));
        trendChart.visibleProperty().bind(none.visibleProperty().not());
        pane.setPadding(new Insets(12));
        return pane;
    }

    private void renderTrend() {
        XYChart.Series<String, Number> totals = new XYChart.Series<>();
        totals.setName("Total");
        XYChart.Series<String, Number> minimum = new XYChart.Series<>();
        minimum.setName("Ready at " + viewModel.thresholds().readyMinimum());
        for (HistoryEntry h : viewModel.trend()) {
            String label = h.assessment().assessedOn().format(DATE);
            totals.getData().add(new XYChart.Data<>(label, h.verdict().total()));
            minimum.getData().add(new XYChart.Data<>(label, h.verdict().thresholds().readyMinimum()));
        }
        trendChart.getData().setAll(List.of(totals, minimum));
    }

    // --- right: total, verdict, radar

    private Node verdictPane() {
        Label total = new Label();
        total.getStyleClass().addAll(Styles.TITLE_1, "total");
        total.setId("readiness-total");
        Label outcome = new Label();
        outcome.getStyleClass().addAll(Styles.TITLE_3, "verdict");
        outcome.setId("readiness-verdict");
        outcome.setWrapText(true);
        Label headline = new Label();
        headline.setWrapText(true);
        headline.getStyleClass().add(Styles.TEXT_MUTED);
        Label warnings = new Label();
        warnings.setWrapText(true);
        warnings.getStyleClass().add("warning-text");
        warnings.setId("readiness-warnings");
        warnings.managedProperty().bind(warnings.visibleProperty());
        Label comparison = new Label();
        comparison.setWrapText(true);
        comparison.getStyleClass().add(Styles.TEXT_SMALL);
        comparison.textProperty().bind(viewModel.comparisonTextProperty());

        Runnable render = () -> {
            Verdict v = viewModel.verdictProperty().get();
            Assessment a = viewModel.loadedProperty().get();
            total.setText(v == null ? (a == null ? "No score yet" : "–/30") : v.totalText());
            outcome.setText(v == null ? (a == null ? "Start an assessment with “New assessment”" : "")
                    : v.outcome().label());
            outcome.getStyleClass().removeAll("verdict-ready", "verdict-warning", "verdict-not-ready",
                    "verdict-incomplete");
            outcome.getStyleClass().add(verdictClass(v, true));
            headline.setText(v == null ? "" : v.headline() + ". Ready at " + v.thresholds().readyMinimum()
                    + " or more (the guide's minimum).");
            List<String> texts = v == null ? List.of() : v.warningTexts();
            warnings.setText(String.join("\n", texts.stream().map(t -> "⚠ " + t).toList()));
            warnings.setVisible(!texts.isEmpty());
            List<Integer> now = viewModel.rows().stream().map(r -> r.scoreProperty().get()).toList();
            Assessment prev = viewModel.previousProperty().get();
            List<Integer> before = prev == null ? List.of() : Arrays.stream(Dimension.values())
                    .map(d -> prev.score(d).score()).toList();
            radar.show(Arrays.stream(Dimension.values()).map(Dimension::title).toList(), a == null ? List.of() : now,
                    before, colorOf(v));
        };
        viewModel.verdictProperty().addListener((o, was, now) -> render.run());
        viewModel.previousProperty().addListener((o, was, now) -> render.run());
        render.run();

        Label radarTitle = new Label("Dimensions");
        radarTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label legend = new Label("Coloured: on screen · grey: previous assessment");
        legend.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        // an empty workspace has no radar to explain
        legend.visibleProperty().bind(viewModel.loadedProperty().isNotNull());
        legend.managedProperty().bind(legend.visibleProperty());
        VBox box = new VBox(6, total, outcome, headline, warnings, comparison, new Separator(), radarTitle, radar,
                legend);
        box.getStyleClass().add("verdict-pane");
        box.setPadding(new Insets(12, 16, 12, 12));
        box.setPrefWidth(360);
        box.setMinWidth(320);
        return box;
    }

    private static Color colorOf(Verdict v) {
        if (v == null) {
            return Color.web("#0969da");
        }
        return switch (v.outcome()) {
            case READY -> v.warnings().isEmpty() ? Color.web("#1a7f37") : Color.web("#9a6700");
            case NOT_READY -> Color.web("#cf222e");
            case INCOMPLETE -> Color.web("#0969da");
        };
    }
}
