package dev.arbiter.desktop.metrics;

import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.GovernanceMetrics;
import dev.arbiter.core.metrics.MonthlyMetrics;
import dev.arbiter.core.metrics.ReviewerStats;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Metrics screen's state (issue 16; the guide's "how do we measure governance effectiveness?"): one
 * UTC month's headline figures, per-agent outcomes with their trend, and reviewers with rubber-stamp
 * warnings, read by {@link GovernanceMetrics} off the UI thread. At most one read runs at a time; a
 * refresh asked for meanwhile (a flood of decisions) runs once after it, so the figures end current
 * without one read per event. No scene-graph types: tests drive it with plain JUnit.
 */
public final class MetricsViewModel {

    /** How many months back the picker offers, the current one included (two years). */
    public static final int MONTHS_OFFERED = 24;

    private final GovernanceMetrics metrics;
    private final Clock clock;
    private final TaskRunner runner;
    private final StatusMessage status;
    private final ReviewWriter writer;
    private final ObservableList<YearMonth> months = FXCollections.observableArrayList();
    private final ObjectProperty<YearMonth> month = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<MonthlyMetrics> current = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AgentTrend> agents = FXCollections.observableArrayList();
    private final ObservableList<ReviewerStats> reviewers = FXCollections.observableArrayList();
    private final StringProperty escalations = new SimpleStringProperty("—");
    private final StringProperty escalationsDetail = new SimpleStringProperty("");
    private final StringProperty timeToDetect = new SimpleStringProperty("—");
    private final StringProperty timeToDetectDetail = new SimpleStringProperty("");
    private final StringProperty falsePositiveRate = new SimpleStringProperty("—");
    private final StringProperty falsePositiveDetail = new SimpleStringProperty("");
    private final StringProperty incidents = new SimpleStringProperty("—");
    private final StringProperty incidentsDetail = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty("");
    private final StringProperty rubberStampSummary = new SimpleStringProperty("");
    private final BooleanProperty empty = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty latest = new SimpleBooleanProperty();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private boolean again;

    /** @param writer writes the monthly review PDF for {@link #exportReview} */
    public MetricsViewModel(GovernanceMetrics metrics, Clock clock, TaskRunner runner, StatusMessage status,
                            ReviewWriter writer) {
        this.metrics = metrics;
        this.writer = writer;
        this.clock = clock;
        this.runner = runner;
        this.status = status;
        YearMonth now = offerMonthsUpToNow();
        month.set(now);
        latest.set(true);
        month.addListener((o, was, is) -> {
            latest.set(!months.isEmpty() && months.get(0).equals(is));
            if (is != null && !is.equals(was)) {
                refresh();
            }
        });
    }

    /** The picker's months end with the current one, also in a window left open over a month's end. */
    private YearMonth offerMonthsUpToNow() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (months.isEmpty() || !months.get(0).equals(now)) {
            List<YearMonth> offered = new ArrayList<>(MONTHS_OFFERED);
            for (int i = 0; i < MONTHS_OFFERED; i++) {
                offered.add(now.minusMonths(i));
            }
            months.setAll(offered);
            latest.set(now.equals(month.get()));
        }
        return now;
    }

    // ---- state

    /** The months the picker offers, newest (the current UTC month) first. */
    public ObservableList<YearMonth> months() { return months; }
    /** The month shown; setting it reads that month. Defaults to the current UTC month. */
    public ObjectProperty<YearMonth> monthProperty() { return month; }
    /** The figures last read, null before the first read. */
    public ReadOnlyObjectProperty<MonthlyMetrics> metricsProperty() { return current.getReadOnlyProperty(); }
    /** Agents that decided something in the month, by id, with the month before for the trend. */
    public ObservableList<AgentTrend> agents() { return agents; }
    /** Reviewers who decided a queued action in the month, by name. */
    public ObservableList<ReviewerStats> reviewers() { return reviewers; }
    /** Escalated (supervised + gated) against autonomous decisions, "12 : 240". */
    public StringProperty escalationsProperty() { return escalations; }
    public StringProperty escalationsDetailProperty() { return escalationsDetail; }
    /** Mean time from the first anomalous decision to its alert, "—" without alerts. */
    public StringProperty timeToDetectProperty() { return timeToDetect; }
    public StringProperty timeToDetectDetailProperty() { return timeToDetectDetail; }
    /** False positives out of triaged alerts, "—" when none was triaged. */
    public StringProperty falsePositiveRateProperty() { return falsePositiveRate; }
    public StringProperty falsePositiveDetailProperty() { return falsePositiveDetail; }
    /** Incidents opened in the month (the incident register, whatever opened them). */
    public StringProperty incidentsProperty() { return incidents; }
    /** "2 from alerts; 3 not closed (any month)". */
    public StringProperty incidentsDetailProperty() { return incidentsDetail; }
    /** True when the month has no decision, review or alert; {@link #emptyTextProperty()} says what to do. */
    public BooleanProperty emptyProperty() { return empty; }
    public StringProperty emptyTextProperty() { return emptyText; }
    /** One line naming the reviewers with rubber-stamp warnings; empty when there are none. */
    public StringProperty rubberStampSummaryProperty() { return rubberStampSummary; }
    /** True when the month shown is the current one (there is no next month to show). */
    public BooleanProperty latestProperty() { return latest; }
    /** True while a read runs (the view shows progress). */
    public BooleanProperty loadingProperty() { return loading; }
    /** True while the review PDF is written (the view shows progress and disables Export). */
    public BooleanProperty exportingProperty() { return exporting; }
    public StatusMessage status() { return status; }

    // ---- commands

    /** Shows the month before the one shown (as far back as the picker offers). */
    public void previousMonth() {
        int at = months.indexOf(month.get());
        if (at >= 0 && at + 1 < months.size()) {
            month.set(months.get(at + 1));
        }
    }

    /** Shows the month after the one shown (up to the current month). */
    public void nextMonth() {
        int at = months.indexOf(month.get());
        if (at > 0) {
            month.set(months.get(at - 1));
        }
    }

    /**
     * Writes the monthly governance review of the month shown to {@code file}, off the UI thread; the
     * status says where it went or, on failure, which file and why. A second export while one runs is ignored.
     */
    public void exportReview(java.nio.file.Path file) {
        YearMonth asked = month.get();
        if (asked == null || exporting.get()) {
            return;
        }
        exporting.set(true);
        status.info("Writing the governance review of " + MetricsText.month(asked) + " to " + file.getFileName()
                + "…");
        runner.run(() -> {
            writer.write(metrics.review(asked), file);
            return file;
        }, written -> {
            exporting.set(false);
            status.info("Wrote the governance review of " + MetricsText.month(asked) + " to "
                    + written.toAbsolutePath());
        }, failure -> {
            exporting.set(false);
            status.error("Could not write the governance review: " + Dialogs.messageOf(failure));
        });
    }

    /**
     * Reads the shown month's figures. While a read runs, further calls only ask for one more read after
     * it, so bursts of events cost at most two reads and the last one sees every change.
     */
    public void refresh() {
        if (loading.get()) {
            again = true;
            return;
        }
        offerMonthsUpToNow();
        YearMonth asked = month.get();
        if (asked == null) {
            return;
        }
        loading.set(true);
        runner.run(() -> metrics.month(asked), read -> {
            if (asked.equals(month.get())) { // the person may have picked another month meanwhile
                show(read);
            }
            finished();
        }, failure -> {
            status.error("Could not read the metrics of " + MetricsText.month(asked) + ": "
                    + Dialogs.messageOf(failure));
            finished();
        });
    }

    /** After showing a read, so a read asked for meanwhile always lands last. */
    private void finished() {
        loading.set(false);
        if (again) {
            again = false;
            refresh();
        }
    }

    private void show(MonthlyMetrics m) {
        current.set(m);
        agents.setAll(m.agents());
        reviewers.setAll(m.reviewers());
        var total = m.total();
        escalations.set(MetricsText.escalations(total));
        escalationsDetail.set(MetricsText.escalationsDetail(total));
        timeToDetect.set(MetricsText.duration(m.alerts().meanTimeToDetect()));
        timeToDetectDetail.set(MetricsText.detectDetail(m.alerts()));
        falsePositiveRate.set(MetricsText.falsePositives(m.alerts()));
        falsePositiveDetail.set(MetricsText.falsePositivesDetail(m.alerts()));
        incidents.set(Long.toString(m.incidents().opened()));
        incidentsDetail.set(MetricsText.incidentsDetail(m));
        List<String> stamped = m.reviewers().stream().filter(r -> !r.warnings().isEmpty())
                .map(r -> r.reviewer() + " (" + String.join(", ", r.warnings()) + ")").toList();
        rubberStampSummary.set(stamped.isEmpty() ? "" : "Possible rubber-stamping: " + String.join("; ", stamped)
                + ". A person who approves everything is no control: look at how these reviews were made.");
        empty.set(m.agents().isEmpty() && m.reviewers().isEmpty() && m.alerts().raised() == 0);
        emptyText.set("No decisions in " + MetricsText.month(m.month()) + " — run agents through the gateway "
                + "(Settings › Gateway), or the simulator in the demo workspace, or pick another month.");
    }
}
