package dev.arbiter.desktop.metrics;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.ReviewerStats;
import dev.arbiter.core.metrics.TierCounts;
import dev.arbiter.desktop.common.ChoiceText;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import java.time.YearMonth;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The Metrics screen: a month picker (Alt+M, or Alt+P / Alt+N for the month before and after), the
 * guide's four headline figures, agents' outcomes with their trend and mix, and reviewers with
 * rubber-stamp warnings highlighted; an empty state that says what to do when the month has nothing.
 */
public final class MetricsView extends BorderPane {

    private static final PseudoClass RUBBER_STAMP = PseudoClass.getPseudoClass("rubber-stamp");
    /** Width of an agent's outcome bar, in pixels. */
    private static final double MIX_WIDTH = 110;

    public MetricsView(MetricsViewModel model) {
        getStyleClass().add("metrics-view");
        getStylesheets().add(Objects.requireNonNull(MetricsView.class.getResource("metrics.css")).toExternalForm());
        setPadding(new Insets(12));
        Label title = new Label("Governance metrics");
        title.getStyleClass().add(Styles.TITLE_3);
        Label about = new Label("How well governance works in one UTC month, as the guide's monthly review reads "
                + "it: what went to a person, how reviewers decided, and how fast anomalies were caught.");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE); // wrapped lines claim their height, never cut
        about.getStyleClass().add(Styles.TEXT_MUTED);

        ComboBox<YearMonth> month = new ComboBox<>(model.months());
        month.setId("metrics-month");
        month.valueProperty().bindBidirectional(model.monthProperty());
        month.setConverter(ChoiceText.of(MetricsText::month));
        month.setVisibleRowCount(12);
        Fit.wholeValue(month, MetricsText::month);
        Label monthLabel = new Label("_Month");
        monthLabel.setMnemonicParsing(true);
        monthLabel.setLabelFor(month);
        Button previous = new Button("_Previous");
        previous.setMnemonicParsing(true);
        previous.setId("metrics-previous");
        previous.setOnAction(e -> model.previousMonth());
        Button next = new Button("_Next");
        next.setMnemonicParsing(true);
        next.setId("metrics-next");
        next.setOnAction(e -> model.nextMonth());
        next.disableProperty().bind(model.latestProperty());
        Button export = new Button("_Export review PDF…");
        export.setMnemonicParsing(true);
        export.setId("metrics-export");
        export.setTooltip(new Tooltip("The monthly governance review for a board (Alt+E): the four figures with "
                + "their trend, agents' balance, reviewers, open alerts and incidents"));
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(e -> exportReview(model));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loadingProperty().or(model.exportingProperty()));
        Label status = new Label();
        status.setWrapText(true);
        status.textProperty().bind(model.status().textProperty());
        Feedback.styleAsError(status, model.status().errorProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        Fit.whole(monthLabel, previous, next, export);
        HBox tools = new HBox(8, monthLabel, month, previous, next, export, busy, status);
        tools.setAlignment(Pos.CENTER_LEFT);

        HBox headline = new HBox(10,
                figure("Escalated : autonomous", "metric-escalations", model.escalationsProperty(),
                        model.escalationsDetailProperty()),
                figure("Mean time to detect", "metric-mttd", model.timeToDetectProperty(),
                        model.timeToDetectDetailProperty()),
                figure("False-positive rate", "metric-false-positives", model.falsePositiveRateProperty(),
                        model.falsePositiveDetailProperty()),
                figure("Incidents opened", "metric-incidents", model.incidentsProperty(),
                        model.incidentsDetailProperty()));

        Label stamped = new Label();
        stamped.setId("rubber-stamp-warning");
        stamped.setWrapText(true);
        stamped.setMinHeight(Region.USE_PREF_SIZE);
        stamped.getStyleClass().add(Styles.DANGER);
        stamped.textProperty().bind(model.rubberStampSummaryProperty());
        stamped.visibleProperty().bind(model.rubberStampSummaryProperty().isNotEmpty());
        stamped.managedProperty().bind(stamped.visibleProperty());

        TableView<AgentTrend> agents = agentTable(model);
        TableView<ReviewerStats> reviewers = reviewerTable(model);
        Label agentsTitle = section("Agents: decisions by outcome, and the trend against the month before");
        Label reviewersTitle = section("Reviewers: approvals and time to decide");
        VBox.setVgrow(agents, Priority.ALWAYS);
        reviewers.setPrefHeight(170); // reviewers are few; the agents' table takes the rest of the height
        VBox figures = new VBox(10, headline, stamped, agentsTitle, agents, reviewersTitle, reviewers);

        Label emptyHeading = new Label();
        emptyHeading.getStyleClass().add(Styles.TITLE_3);
        emptyHeading.textProperty().bind(model.monthProperty().map(m -> "Nothing to measure in "
                + MetricsText.month(m)));
        Label emptyHint = new Label();
        emptyHint.setId("metrics-empty");
        emptyHint.setWrapText(true);
        emptyHint.setMaxWidth(520);
        emptyHint.getStyleClass().add(Styles.TEXT_MUTED);
        emptyHint.textProperty().bind(model.emptyTextProperty());
        FontIcon glyph = new FontIcon(Material2AL.INSIGHTS);
        glyph.setIconSize(48);
        glyph.getStyleClass().add("empty-state-icon");
        VBox empty = new VBox(10, glyph, emptyHeading, emptyHint);
        empty.setAlignment(Pos.CENTER);
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(model.emptyProperty());
        figures.visibleProperty().bind(model.emptyProperty().not());
        StackPane body = new StackPane(figures, empty);
        VBox.setVgrow(body, Priority.ALWAYS);

        setCenter(new VBox(10, title, about, tools, body));
    }

    private void exportReview(MetricsViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the governance review");
        chooser.setInitialFileName("governance-review-" + model.monthProperty().get() + ".pdf");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.exportReview(file.toPath());
        }
    }

    private static Node figure(String caption, String id, ObservableValue<String> value,
                               ObservableValue<String> detail) {
        Label name = new Label(caption);
        name.getStyleClass().add(Styles.TEXT_MUTED);
        Label big = new Label();
        big.setId(id);
        big.getStyleClass().addAll(Styles.TITLE_2, "metric-value");
        big.textProperty().bind(value);
        Label more = new Label();
        more.setWrapText(true);
        more.setMinHeight(Region.USE_PREF_SIZE);
        more.getStyleClass().add(Styles.TEXT_SMALL);
        more.textProperty().bind(detail);
        Fit.whole(name, big);
        VBox card = new VBox(4, name, big, more);
        card.getStyleClass().add("metric-card");
        card.setPadding(new Insets(8, 12, 8, 12));
        card.setMinWidth(0);
        card.setPrefWidth(10);
        HBox.setHgrow(card, Priority.ALWAYS);
        return card;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static TableView<AgentTrend> agentTable(MetricsViewModel model) {
        TableView<AgentTrend> table = new TableView<>(model.agents());
        table.setId("metrics-agents");
        Fit.wholeHeaders(table);
        // the agent and the trend are as wide as their longest text (Fit.wholeCells), not wider: at 1280 px
        // every column up to the trend is in view
        table.getColumns().add(column("Agent", 120, a -> a.month().agentId()));
        table.getColumns().add(column("Autonomous", 100, a -> a.month().autonomous()));
        table.getColumns().add(column("Supervised", 100, a -> a.month().supervised()));
        table.getColumns().add(column("Gated", 80, a -> a.month().gated()));
        table.getColumns().add(column("Denied", 80, a -> a.month().denied()));
        table.getColumns().add(column("To a person", 110, a -> MetricsText.percent(a.month().escalatedShare())));
        TableColumn<AgentTrend, TierCounts> mix = new TableColumn<>("Mix");
        mix.setPrefWidth(MIX_WIDTH + 24);
        mix.setSortable(false);
        mix.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().month()));
        mix.setCellFactory(c -> new MixCell());
        // the mix draws the counts to its left as a bar: it comes last and may scroll out sideways, the
        // trend against the month before may not
        mix.getStyleClass().add(Fit.SECONDARY);
        table.getColumns().add(column("Trend", 100, MetricsText::trend));
        table.getColumns().add(mix);
        Fit.wholeCells(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label("No agent decided anything this month.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(none);
        return table;
    }

    private static TableView<ReviewerStats> reviewerTable(MetricsViewModel model) {
        TableView<ReviewerStats> table = new TableView<>(model.reviewers());
        table.setId("metrics-reviewers");
        Fit.wholeHeaders(table);
        table.getColumns().add(column("Reviewer", 150, ReviewerStats::reviewer));
        table.getColumns().add(column("Reviews", 80, ReviewerStats::reviews));
        table.getColumns().add(column("Approval rate", 110, r -> MetricsText.percent(r.approvalRate())));
        table.getColumns().add(column("Median to decide", 140, r -> MetricsText.duration(r.medianTimeToDecide())));
        table.getColumns().add(column("Mean to decide", 130, r -> MetricsText.duration(r.meanTimeToDecide())));
        table.getColumns().add(column("Approvals in a row", 150, ReviewerStats::longestApprovalStreak));
        TableColumn<ReviewerStats, Object> warnings = column("Rubber-stamp warnings", 200,
                r -> r.warnings().isEmpty() ? "none" : String.join("; ", r.warnings()));
        warnings.getStyleClass().add(Fit.SECONDARY); // shown whole in the warning line above the tables
        table.getColumns().add(warnings);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ReviewerStats item, boolean empty) {
                super.updateItem(item, empty);
                boolean warned = !empty && item != null && !item.warnings().isEmpty();
                pseudoClassStateChanged(RUBBER_STAMP, warned);
                setTooltip(warned ? new Tooltip("Possible rubber-stamping: " + String.join("; ", item.warnings()))
                        : null);
            }
        });
        Fit.wholeCells(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label("No reviewer decided a queued action this month.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(none);
        return table;
    }

    private static <S> TableColumn<S, Object> column(String title, double width, Function<S, Object> value) {
        TableColumn<S, Object> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** An agent's month as one bar: autonomous, supervised, gated and denied, each as wide as its share. */
    private static final class MixCell extends TableCell<AgentTrend, TierCounts> {
        @Override
        protected void updateItem(TierCounts t, boolean empty) {
            super.updateItem(t, empty);
            setText(null);
            if (empty || t == null || t.total() == 0) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            HBox bar = new HBox(part("mix-autonomous", t.autonomous(), t.total()),
                    part("mix-supervised", t.supervised(), t.total()), part("mix-gated", t.gated(), t.total()),
                    part("mix-denied", t.denied(), t.total()));
            bar.getStyleClass().add("mix-bar");
            bar.setAlignment(Pos.CENTER_LEFT);
            setAlignment(Pos.CENTER_LEFT);
            bar.setMaxWidth(MIX_WIDTH);
            setGraphic(bar);
            setTooltip(new Tooltip(t.autonomous() + " autonomous, " + t.supervised() + " supervised, "
                    + t.gated() + " gated, " + t.denied() + " denied"));
        }

        private static Region part(String style, long n, long total) {
            Region r = new Region();
            double w = MIX_WIDTH * n / total;
            r.setMinSize(w, 12);
            r.setPrefSize(w, 12);
            r.setMaxSize(w, 12);
            r.getStyleClass().add(style);
            return r;
        }
    }

}
