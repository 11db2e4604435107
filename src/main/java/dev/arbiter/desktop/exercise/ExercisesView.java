package dev.arbiter.desktop.exercise;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Exercises tab: tabletop exercises on the left, the selected one on the right with its running
 * clock (a one-second animation here; the time itself comes from the workspace clock through
 * {@link ExercisesViewModel#tick()}), the injects as they fall due, the playbook's steps with their
 * target times, the findings and the score. Keys work while the focus is inside the screen, never on
 * another: Ctrl+N plan, Ctrl+Enter start or end (after a confirmation), Ctrl+B who did the step,
 * Ctrl+L the steps, Enter or Space on a step ticks it, Ctrl+G the findings, Ctrl+E export the PDF.
 */
public final class ExercisesView {

    private final ExercisesViewModel model;
    private final SplitPane root = new SplitPane();
    private final TableView<ExerciseStepRow> steps = new TableView<>();
    private final ComboBox<String> doneBy = new ComboBox<>();
    private final TextArea findings = new TextArea();
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));

    public ExercisesView(ExercisesViewModel model) {
        this.model = model;
        root.getStyleClass().add("exercises");
        root.getItems().addAll(left(), right());
        root.setDividerPositions(0.36);
        Fit.keepMinimums(root);
        clock.setCycleCount(Animation.INDEFINITE);
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                clock.stop();
            } else {
                clock.play();
            }
        });
    }

    public Node node() {
        return root;
    }

    /** Moves the clock on, keeping the step the keyboard is on (a replaced row would lose it). */
    private void tick() {
        int at = steps.getSelectionModel().getSelectedIndex();
        model.tick();
        if (at >= 0 && at < steps.getItems().size() && steps.getSelectionModel().getSelectedIndex() != at) {
            steps.getSelectionModel().select(at);
            steps.getFocusModel().focus(at);
        }
    }

    private Node left() {
        Label heading = new Label("Tabletop exercises");
        heading.getStyleClass().add(Styles.TITLE_3);
        Button plan = new Button("_Plan exercise…");
        plan.setId("exercise-plan");
        plan.setTooltip(new Tooltip("Ctrl+N"));
        plan.setOnAction(e -> planDialog());
        Fit.whole(heading, plan);
        // the command goes under the heading when the list is narrow: the steps beside it need the room
        FlowPane header = new FlowPane(12, 8, heading, plan);
        header.setAlignment(Pos.CENTER_LEFT);

        TableView<Exercise> table = new TableView<>(model.exercises());
        table.setId("exercise-table");
        table.getColumns().add(column("ID", e -> "EX-" + e.id()));
        table.getColumns().add(column("Status", e -> e.status().key()));
        table.getColumns().add(column("Score", e -> e.score().map(s -> s + " %").orElse("—")));
        // the scenario is the detail pane's heading once an exercise is chosen: here it may be cut
        TableColumn<Exercise, String> scenario = column("Scenario", Exercise::scenario);
        scenario.getStyleClass().add(Fit.SECONDARY);
        table.getColumns().add(scenario);
        Fit.wholeCells(table);
        Fit.wholeHeaders(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            Exercise current = model.selectedProperty().get();
            if (now != null && (current == null || current.id() != now.id())) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.exercises().stream().filter(e -> e.id() == now.id()).findFirst()
                        .ifPresent(e -> table.getSelectionModel().select(e));
            }
        });
        EmptyState empty = new EmptyState(Material2MZ.TIMER, "No tabletop exercises yet",
                "Press Ctrl+N to plan one: pick a scenario and the playbook it tests, name the participants and"
                        + " the facilitator. Completed exercises count as \"Incident Response\" evidence on Readiness.");
        empty.visibleProperty().bind(model.emptyProperty());
        table.visibleProperty().bind(model.emptyProperty().not());
        StackPane list = new StackPane(table, empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        VBox box = new VBox(8, header, list);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node right() {
        Label heading = new Label();
        heading.setId("exercise-heading");
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setWrapText(true);
        heading.textProperty().bind(model.headingProperty());
        Label summary = new Label();
        summary.setId("exercise-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        // wrapped lines keep their height; the pane scrolls instead of cutting them
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Label time = new Label();
        time.setId("exercise-clock");
        time.getStyleClass().addAll(Styles.TITLE_1, "exercise-clock");
        time.textProperty().bind(model.clockProperty());
        Fit.whole(time);
        Label next = new Label();
        next.setId("exercise-next-inject");
        next.setWrapText(true);
        next.textProperty().bind(model.nextInjectProperty());
        HBox clockRow = new HBox(16, time, next);
        clockRow.setAlignment(Pos.CENTER_LEFT);

        Button step = new Button();
        step.setId("exercise-advance");
        step.textProperty().bind(Bindings.createStringBinding(() -> model.statusProperty().get()
                == ExerciseStatus.PLANNED ? "Start clock" : "End exercise…", model.statusProperty()));
        step.disableProperty().bind(model.statusProperty().isNull()
                .or(model.statusProperty().isEqualTo(ExerciseStatus.ENDED)));
        step.setTooltip(new Tooltip("Ctrl+Enter: start the clock, or end the exercise (findings needed)"));
        step.setOnAction(e -> advance());
        Button export = new Button("Export PDF");
        export.setId("exercise-export");
        export.setTooltip(new Tooltip("Ctrl+E"));
        export.disableProperty().bind(model.selectedProperty().isNull().or(model.exportingProperty()));
        export.setOnAction(e -> export());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.exportingProperty());
        progress.managedProperty().bind(model.exportingProperty());
        Fit.whole(step, export);
        FlowPane buttons = new FlowPane(8, 8, step, export, progress);

        ListView<String> injects = new ListView<>(model.injects());
        injects.setId("exercise-injects");
        injects.setPrefHeight(110);
        injects.setMinHeight(70);
        injects.setPlaceholder(new Label("Scenario injects appear here as they fall due."));
        model.injects().addListener((javafx.collections.ListChangeListener<String>) c ->
                injects.scrollTo(model.injects().size() - 1));
        Label injectsTitle = new Label("Injects");
        injectsTitle.getStyleClass().add(Styles.TITLE_4);

        Label stepsTitle = new Label("Playbook steps");
        stepsTitle.getStyleClass().add(Styles.TITLE_4);
        Label byLabel = new Label("Done _by");
        byLabel.setMnemonicParsing(true);
        byLabel.setLabelFor(doneBy);
        doneBy.setId("exercise-done-by");
        doneBy.setItems(model.people());
        doneBy.valueProperty().bindBidirectional(model.doneByProperty());
        doneBy.setTooltip(new Tooltip("Ctrl+B: who did the step you tick"));
        Fit.wholeValue(doneBy, s -> s);
        HBox stepsHeader = new HBox(12, stepsTitle, byLabel, doneBy);
        stepsHeader.setAlignment(Pos.CENTER_LEFT);

        steps.setId("exercise-steps");
        steps.setItems(model.steps());
        TableColumn<ExerciseStepRow, String> number = stepColumn("#", r -> Integer.toString(r.number()));
        number.setPrefWidth(40);
        steps.getColumns().add(number);
        // a step is a sentence: it wraps, so role, target and whether it is done stay in view beside it;
        // so does the state ("✓ 04:00 by" a long name)
        TableColumn<ExerciseStepRow, String> stepText = stepColumn("Step", ExerciseStepRow::text);
        Fit.wrapping(stepText, 220);
        stepText.setPrefWidth(220);
        steps.getColumns().add(stepText);
        steps.getColumns().add(stepColumn("Role", ExerciseStepRow::role));
        steps.getColumns().add(stepColumn("Target", ExerciseStepRow::target));
        TableColumn<ExerciseStepRow, String> state = stepColumn("Done", ExerciseStepRow::state);
        Fit.wrapping(state, 110);
        state.setPrefWidth(110);
        steps.getColumns().add(state);
        TableColumn<ExerciseStepRow, String> action = stepColumn("Arbiter action", ExerciseStepRow::action);
        action.getStyleClass().add(Fit.SECONDARY); // the playbook's own text, also on the Playbooks tab
        steps.getColumns().add(action);
        Fit.wholeCells(steps);
        Fit.wholeHeaders(steps);
        steps.setPlaceholder(new Label("Select or plan an exercise to see its playbook's steps."));
        steps.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) && !e.isShortcutDown()) {
                ExerciseStepRow row = steps.getSelectionModel().getSelectedItem();
                if (row != null) {
                    e.consume();
                    model.completeStep(row.number());
                }
            }
        });
        steps.setRowFactory(t -> {
            javafx.scene.control.TableRow<ExerciseStepRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    model.completeStep(row.getItem().number());
                }
            });
            return row;
        });
        steps.setTooltip(new Tooltip("Enter or Space (or a double click): the selected step is done now"));
        VBox.setVgrow(steps, Priority.ALWAYS);

        findings.setId("exercise-findings");
        findings.setPromptText("Findings: what went well, what did not, what to change (required to end; Ctrl+G)");
        findings.setWrapText(true);
        findings.setPrefRowCount(3);
        findings.textProperty().bindBidirectional(model.findingsProperty());
        findings.disableProperty().bind(model.statusProperty().isNotEqualTo(ExerciseStatus.RUNNING));
        Label score = new Label();
        score.setId("exercise-score");
        score.setWrapText(true);
        score.textProperty().bind(model.scoreProperty());

        Label message = new Label();
        message.setId("exercise-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());

        VBox box = new VBox(8, heading, summary, clockRow, buttons, message, injectsTitle, injects, stepsHeader,
                steps, findings, score);
        box.setPadding(new Insets(12));
        steps.setMinHeight(150);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        // the divider stops before the steps' number, text, role, target or Done column is hidden
        Fit.primaryColumnsInView(steps, scroll);
        return scroll;
    }

    /** The screen's keys; the screen routes key presses here while this tab is on show. */
    void keys(KeyEvent e) {
        if (!e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        Runnable action = switch (e.getCode()) {
            case N -> this::planDialog;
            case ENTER -> this::advance;
            case E -> this::export;
            case B -> doneBy::requestFocus;
            case L -> () -> {
                steps.requestFocus();
                if (steps.getSelectionModel().isEmpty() && !steps.getItems().isEmpty()) {
                    steps.getSelectionModel().select(0);
                    steps.getFocusModel().focus(0);
                }
            };
            case G -> findings::requestFocus;
            default -> null;
        };
        if (action != null && !e.isShiftDown()) {
            e.consume();
            action.run();
        }
    }

    /** Start when planned; end (after a confirmation that names the final score) when running. */
    private void advance() {
        ExerciseStatus s = model.statusProperty().get();
        if (s == ExerciseStatus.PLANNED) {
            model.start();
        } else if (s == ExerciseStatus.RUNNING) {
            String text = model.findingsProperty().get();
            if (text == null || text.isBlank()) {
                model.end(); // refused with "findings: required"
                findings.requestFocus();
                return;
            }
            model.endConsequence().ifPresent(consequence -> {
                if (Dialogs.confirm(root.getScene().getWindow(), "End the exercise?", consequence, "End")) {
                    model.end();
                }
            });
        }
    }

    private void export() {
        Exercise e = model.selectedProperty().get();
        if (e == null || model.exportingProperty().get()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName("exercise-" + e.id() + ".pdf");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            model.exportPdf(f.toPath());
        }
    }

    /** The plan form; its fields are the model's, so a refused plan keeps what was typed for the next try. */
    private void planDialog() {
        model.loadPlaybooks();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Plan a tabletop exercise");
        dialog.setHeaderText("Plan a tabletop exercise");
        ButtonType planButton = new ButtonType("Plan", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(planButton, ButtonType.CANCEL);

        ComboBox<Playbook> playbook = new ComboBox<>(model.playbooks());
        playbook.setId("plan-playbook");
        playbook.valueProperty().bindBidirectional(model.planPlaybookProperty());
        playbook.setConverter(new StringConverter<>() {
            @Override
            public String toString(Playbook p) {
                return p == null ? "" : p.name() + " (" + p.steps().size() + " steps)";
            }

            @Override
            public Playbook fromString(String s) {
                return null;
            }
        });
        TextField scenario = field("plan-scenario", "e.g. Refund loop on a Friday night", model.planScenarioProperty());
        TextField participants = field("plan-participants", "Names, comma-separated",
                model.planParticipantsProperty());
        TextField facilitator = field("plan-facilitator", "Who leads the exercise", model.planFacilitatorProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Scenario"), scenario);
        grid.addRow(1, new Label("Playbook"), playbook);
        grid.addRow(2, new Label("Participants"), participants);
        grid.addRow(3, new Label("Facilitator"), facilitator);
        scenario.setPrefColumnCount(36);
        dialog.getDialogPane().setContent(grid);
        Platform.runLater(scenario::requestFocus);
        dialog.showAndWait().filter(b -> b == planButton).ifPresent(b -> model.plan());
        playbook.valueProperty().unbindBidirectional(model.planPlaybookProperty());
        scenario.textProperty().unbindBidirectional(model.planScenarioProperty());
        participants.textProperty().unbindBidirectional(model.planParticipantsProperty());
        facilitator.textProperty().unbindBidirectional(model.planFacilitatorProperty());
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TableColumn<Exercise, String> column(String name, Function<Exercise, String> value) {
        TableColumn<Exercise, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private static TableColumn<ExerciseStepRow, String> stepColumn(String name,
                                                                   Function<ExerciseStepRow, String> value) {
        TableColumn<ExerciseStepRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }
}
