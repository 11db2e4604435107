package dev.arbiter.desktop.queue;

import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import atlantafx.base.theme.Styles;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.desktop.common.EmptyState;
import dev.arbiter.desktop.common.ReasonDialog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The escalation queue: the live table of pending actions on the left (most
 * urgent first), the focused action's briefing on the right, Approve / Deny
 * below the title. Keyboard: arrows move, A approves, D denies, Enter confirms
 * in the dialog; Shift/Ctrl + arrows or clicks select several supervised
 * actions to decide at once.
 */
public final class QueueView extends BorderPane {

    private final QueueViewModel model;
    private final TableView<QueueRow> table = new TableView<>();
    private final BriefingPane briefing = new BriefingPane();
    private int lastSelected = -1;

    public QueueView(QueueViewModel model) {
        this.model = model;
        getStyleClass().add("queue-view");
        getStylesheets().add(Objects.requireNonNull(QueueView.class.getResource("queue.css")).toExternalForm());
        setPadding(new Insets(16));
        setTop(new VBox(10, header(), actions()));
        VBox left = new VBox(8, table(), recent());
        VBox.setVgrow(table, Priority.ALWAYS);
        // the divider stops before a primary column (tier, risk, request, amount, time left) scrolls out
        Fit.primaryColumnsInView(table, left);
        SplitPane split = new SplitPane(left, detail());
        // the list gets most of the width; the briefing wraps its text and keeps a readable minimum
        split.setDividerPositions(0.6);
        Fit.keepMinimums(split);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));
        setCenter(split);
        Label message = new Label();
        message.setId("queue-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Feedback.styleAsError(message, model.messageIsErrorProperty());
        BorderPane.setMargin(message, new Insets(8, 0, 0, 0));
        setBottom(message);
    }

    /**
     * Puts the keyboard in the table (the screen is shown). On the first visit
     * the table joins the scene only when the split pane's skin is made, at the
     * next pulse; focus is asked for then.
     */
    public void focusTable() {
        if (table.getScene() == null) {
            table.sceneProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Scene> o, Scene was, Scene scene) {
                    if (scene != null) {
                        table.sceneProperty().removeListener(this);
                        focusTable();
                    }
                }
            });
            return;
        }
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    private HBox header() {
        Label title = new Label("Escalation Queue");
        title.getStyleClass().add(Styles.TITLE_2);
        Label summary = new Label();
        summary.setId("queue-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ComboBox<String> agent = new ComboBox<>(model.agentChoices());
        agent.setId("queue-agent-filter");
        agent.valueProperty().bindBidirectional(model.agentFilterProperty());
        ComboBox<TierChoice> tier = new ComboBox<>();
        tier.getItems().setAll(TierChoice.values());
        tier.setId("queue-tier-filter");
        tier.valueProperty().bindBidirectional(model.tierFilterProperty());
        // a long agent id in the list must not widen the filter until the title is squeezed
        agent.setPrefWidth(200);
        agent.setMaxWidth(260);
        Fit.whole(title, summary, tier);
        HBox header = new HBox(12, title, summary, spring, agent, tier);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private HBox actions() {
        Button approve = new Button("Approve (A)", new FontIcon(Material2AL.CHECK));
        approve.setId("approve-button");
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setOnAction(e -> decide(true));
        Button deny = new Button("Deny (D)", new FontIcon(Material2AL.BLOCK));
        deny.setId("deny-button");
        deny.getStyleClass().add(Styles.DANGER);
        deny.setOnAction(e -> decide(false));
        var nothing = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        approve.disableProperty().bind(nothing.or(model.busyProperty()));
        deny.disableProperty().bind(nothing.or(model.busyProperty()));

        Label irreversible = new Label("Approving a gated action releases the agent to run it: it cannot be undone.");
        irreversible.setId("irreversible-note");
        irreversible.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
        irreversible.getStyleClass().addAll(Styles.TEXT_SMALL, "irreversible-note");
        irreversible.setWrapText(true);
        irreversible.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.focusedProperty().get() != null
                && model.focusedProperty().get().item().isGated() && model.focusedProperty().get().item().isPending(),
                model.focusedProperty()));

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button pause = new Button();
        pause.setId("queue-pause-agent");
        pause.textProperty().bind(Bindings.createStringBinding(() -> {
            Agent a = model.briefingProperty().get() == null ? null : model.briefingProperty().get().agent();
            return a != null && a.status() == AgentStatus.PAUSED ? "Resume agent…" : "Pause agent…";
        }, model.briefingProperty()));
        pause.setGraphic(new FontIcon(Material2MZ.PAUSE_CIRCLE_OUTLINE));
        pause.setOnAction(e -> pauseOrResume());
        Button kill = new Button();
        kill.setId("queue-kill-agent");
        kill.textProperty().bind(Bindings.when(model.agentKilledProperty()).then("Release agent's kill switch…")
                .otherwise("Kill agent…"));
        kill.setGraphic(new FontIcon(Material2MZ.STOP_CIRCLE));
        kill.getStyleClass().add(Styles.DANGER);
        kill.setTooltip(new Tooltip("Engage this agent's own kill switch: its pending approvals are denied at once"));
        kill.setOnAction(e -> killOrRelease());
        var noAgent = Bindings.createBooleanBinding(() -> model.briefingProperty().get() == null
                || model.briefingProperty().get().agent() == null
                || model.briefingProperty().get().agent().isRetired(), model.briefingProperty());
        pause.disableProperty().bind(noAgent);
        kill.disableProperty().bind(model.briefingProperty().isNull());

        HBox bar = new HBox(10, approve, deny, irreversible, spring, pause, kill);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private TableView<QueueRow> table() {
        Fit.wholeHeaders(table);
        table.setId("queue-table");
        table.setItems(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // what is asked and by whom in one column, the action over the agent id: both are read whole, and
        // a long action next to a long agent id no longer pushes the columns after them out of view
        TableColumn<QueueRow, QueueRow> request = text("Request", 180,
                r -> r.item().action() + "\n" + r.item().agentId(),
                (a, b) -> a.item().action().compareToIgnoreCase(b.item().action()));
        TableColumn<QueueRow, QueueRow> amount = text("Amount", 82,
                r -> r.amountUsd() == null ? "—" : QueueCells.usd(r.amountUsd()), (a, b) ->
                        Double.compare(a.amountUsd() == null ? -1 : a.amountUsd(),
                                b.amountUsd() == null ? -1 : b.amountUsd()));
        TableColumn<QueueRow, QueueRow> timeLeft = clock("Time left", 92, QueueCells::timeLeft, true,
                (a, b) -> a.item().dueAt().compareTo(b.item().dueAt()));
        // confidence and age are in the briefing too: they come last and may scroll out sideways
        TableColumn<QueueRow, QueueRow> confidence = text("Conf.", 60, r -> r.item().confidence() == null ? "—"
                : QueueCells.two(r.item().confidence()), (a, b) -> Double.compare(
                a.item().confidence() == null ? -1 : a.item().confidence(),
                b.item().confidence() == null ? -1 : b.item().confidence()));
        TableColumn<QueueRow, QueueRow> age = clock("Age", 66, (r, now) -> QueueCells.span(r.age(now)), false,
                (a, b) -> b.item().createdAt().compareTo(a.item().createdAt()));
        confidence.getStyleClass().add(Fit.SECONDARY);
        age.getStyleClass().add(Fit.SECONDARY);
        // tier and risk first: short, and what a reviewer sorts by
        table.getColumns().setAll(List.of(
                badge("Tier", 92, (label, r) -> QueueCells.showTier(label, r.item()),
                        (a, b) -> Boolean.compare(!a.item().isGated(), !b.item().isGated())),
                badge("Risk", 58, (label, r) -> QueueCells.showRisk(label, r.item().riskScore()),
                        (a, b) -> Double.compare(score(a), score(b))),
                request, amount, timeLeft, confidence, age));
        // primary text in rows is read whole: action and agent as long as they come
        Fit.wholeCells(table, request, r -> r.item().action().length() >= r.item().agentId().length()
                ? r.item().action() : r.item().agentId());
        Fit.wholeCells(table, amount, r -> r.amountUsd() == null ? "—" : QueueCells.usd(r.amountUsd()));
        // the clocks' widest texts ("59m 59s", "overdue 23h 59m"), whatever the rows show now
        Fit.wholeCells(table, age, r -> "59m 59s");
        Fit.wholeCells(table, timeLeft, r -> "overdue 23h 59m");
        // Without a column sort the list keeps its urgency order; a clicked column sorts instead.
        model.rows().comparatorProperty().bind(Bindings.createObjectBinding(() -> table.getComparator() == null
                ? QueueRow.URGENCY : table.getComparator(), table.comparatorProperty()));
        table.setSortPolicy(t -> true);
        table.setPlaceholder(new EmptyState(Material2MZ.PAN_TOOL, "Nothing waits for a reviewer",
                "Gated actions appear here the moment an agent asks, and supervised ones once they ran. "
                        + "Agents reach Arbiter through the gateway (Settings shows whether it runs)."));

        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                model.focus(row);
            } else if (table.getSelectionModel().isEmpty()) {
                model.focus(null);
            }
        });
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, index) -> {
            if (index.intValue() >= 0) {
                lastSelected = index.intValue();
            }
        });
        // A decided row leaves the list: the selection moves on to the row that took its place (or,
        // when the queue was empty, to the first arrival), so the keyboard always has a row to act on.
        model.rows().addListener((ListChangeListener<QueueRow>) change -> {
            if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                table.getSelectionModel().select(Math.max(0, Math.min(lastSelected, table.getItems().size() - 1)));
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.A) {
                e.consume();
                decide(true);
            } else if (e.getCode() == KeyCode.D) {
                e.consume();
                decide(false);
            }
        });
        return table;
    }

    /** The latest decisions with who made them and how fast: a reviewer sees what just happened. */
    private TitledPane recent() {
        ListView<QueueItem> list = new ListView<>(model.recentlyDecided());
        list.setId("recently-decided");
        list.setPrefHeight(150);
        list.setFocusTraversable(false);
        list.setPlaceholder(new Label("Nothing decided yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(QueueItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(QueueCells.decided(item));
                // the reviewer's note wraps within the list instead of scrolling it sideways
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().add(item.status() == ReviewStatus.APPROVED ? Styles.SUCCESS : Styles.DANGER);
            }
        });
        TitledPane pane = new TitledPane("Recently decided", list);
        pane.setId("recent-pane");
        return pane;
    }

    private static double score(QueueRow r) {
        return r.item().riskScore() == null ? -1 : r.item().riskScore();
    }

    private ScrollPane detail() {
        StackPane holder = new StackPane(briefing);
        holder.setAlignment(Pos.TOP_LEFT);
        Label hint = new Label("Select an action to see why it is here, what made it risky and the agent's record.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setPadding(new Insets(14));
        hint.visibleProperty().bind(model.focusedProperty().isNull());
        holder.getChildren().add(hint);
        model.briefingProperty().addListener((o, was, b) -> briefing.show(b, model.agentKilledProperty().get()));
        model.agentKilledProperty().addListener((o, was, killed) ->
                briefing.show(model.briefingProperty().get(), killed));
        ScrollPane scroll = new ScrollPane(holder);
        scroll.setFitToWidth(true);
        scroll.setId("briefing-scroll");
        return scroll;
    }

    private void decide(boolean approve) {
        List<QueueRow> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        String problem = model.bulkProblem(chosen);
        if (problem != null) {
            model.messageIsErrorProperty().set(true);
            model.messageProperty().set(problem);
            return;
        }
        new ReviewDialog(getScene().getWindow(), chosen, approve, model.reviewer()).ask().ifPresent(note -> {
            if (approve) {
                model.approve(chosen, note);
            } else {
                model.deny(chosen, note);
            }
        });
        table.requestFocus();
    }

    private void pauseOrResume() {
        Agent agent = model.focusedAgent();
        if (agent == null) {
            return;
        }
        boolean resume = agent.status() == AgentStatus.PAUSED;
        String title = (resume ? "Resume " : "Pause ") + agent.id();
        String text = resume ? model.agentControl().resumeConsequence(agent)
                : model.agentControl().pauseConsequence(agent.id());
        new ReasonDialog(getScene().getWindow(), title, text, resume ? "Resume" : "Pause", !resume).ask()
                .ifPresent(reason -> {
                    if (resume) {
                        model.resumeAgent(reason);
                    } else {
                        model.pauseAgent(reason);
                    }
                });
    }

    private void killOrRelease() {
        QueueRow row = model.focusedProperty().get();
        if (row == null) {
            return;
        }
        String agentId = row.item().agentId();
        boolean release = model.agentKilledProperty().get();
        new ReasonDialog(getScene().getWindow(),
                release ? "Release the kill switch of " + agentId : "Kill " + agentId,
                release ? model.agentControl().releaseConsequence(agentId)
                        : model.agentControl().killConsequence(agentId),
                release ? "Release" : "Engage kill switch", !release).ask().ifPresent(reason -> {
                    if (release) {
                        model.releaseAgent(reason);
                    } else {
                        model.killAgent(reason);
                    }
                });
    }

    // ---- columns ----

    private static TableColumn<QueueRow, QueueRow> column(String name, double width) {
        TableColumn<QueueRow, QueueRow> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 54));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        return column;
    }

    private static TableColumn<QueueRow, QueueRow> text(String name, double width, Function<QueueRow, String> text) {
        return text(name, width, text, (a, b) -> text.apply(a).compareToIgnoreCase(text.apply(b)));
    }

    private static TableColumn<QueueRow, QueueRow> text(String name, double width, Function<QueueRow, String> text,
                                                         Comparator<QueueRow> order) {
        TableColumn<QueueRow, QueueRow> column = column(name, width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(QueueRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        sortBy(column, order);
        return column;
    }

    private static TableColumn<QueueRow, QueueRow> badge(String name, double width,
                                                          BiConsumer<Label, QueueRow> show,
                                                          Comparator<QueueRow> order) {
        TableColumn<QueueRow, QueueRow> column = column(name, width);
        column.setCellFactory(c -> new QueueCells.BadgeCell(show));
        sortBy(column, order);
        return column;
    }

    private TableColumn<QueueRow, QueueRow> clock(String name, double width,
                                                  BiFunction<QueueRow, Instant, String> text,
                                                  boolean marksUrgency, Comparator<QueueRow> order) {
        TableColumn<QueueRow, QueueRow> column = column(name, width);
        Callback<TableColumn<QueueRow, QueueRow>, TableCell<QueueRow, QueueRow>> cells =
                c -> new QueueCells.ClockCell(model.nowProperty(), text, marksUrgency);
        column.setCellFactory(cells);
        sortBy(column, order);
        return column;
    }

    private static void sortBy(TableColumn<QueueRow, QueueRow> column, Comparator<QueueRow> order) {
        if (order == null) {
            column.setSortable(false);
        } else {
            column.setComparator(order);
        }
    }
}
