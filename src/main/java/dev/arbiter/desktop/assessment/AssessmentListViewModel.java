package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.ApprovalRules;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentFilter;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.RiskBand;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.StatusMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The assessments list: every assessment's newest version, searched and filtered with core's {@link AssessmentFilter}. */
public final class AssessmentListViewModel {

    private final DesktopContext context;
    private final AssessmentService service;
    private final ObservableList<AssessmentSummary> all = FXCollections.observableArrayList();
    private final FilteredList<AssessmentSummary> visible = new FilteredList<>(all);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<AssessmentStatus> status = new SimpleObjectProperty<>();
    private final ObjectProperty<RiskBand> minimumResidual = new SimpleObjectProperty<>();
    private final BooleanProperty overdueOnly = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<LocalDate> today = new ReadOnlyObjectWrapper<>(LocalDate.now());
    private final ReadOnlyObjectWrapper<RiskBand> tolerance = new ReadOnlyObjectWrapper<>(ApprovalRules.DEFAULT_TOLERANCE);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Assessment> undoable = new ReadOnlyObjectWrapper<>();
    private final BiConsumer<Duration, Runnable> later;
    /** Which offer is on show: an expiry withdraws only the offer it was scheduled for. */
    private long offer;
    private Consumer<Throwable> onFailure = e -> { };

    /** How long the screen offers Undo after a draft is discarded (the CLI's restore works at any time). */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

    public AssessmentListViewModel(DesktopContext context) {
        this(context, context.ui()::after);
    }

    /** {@code later} runs a task after a delay on the UI thread (tests: at will). */
    public AssessmentListViewModel(DesktopContext context, BiConsumer<Duration, Runnable> later) {
        this.context = context;
        this.later = later;
        this.service = context.workspace().assessments();
        visible.predicateProperty().bind(Bindings.createObjectBinding(
                () -> new AssessmentFilter(search.get(), status.get(), minimumResidual.get(), overdueOnly.get(),
                        today.get()),
                search, status, minimumResidual, overdueOnly, today));
    }

    public ObservableList<AssessmentSummary> visible() { return visible; }
    /** Every assessment, unfiltered: empty means the workspace has none yet. */
    public ObservableList<AssessmentSummary> all() { return all; }
    public StringProperty searchProperty() { return search; }
    public ObjectProperty<AssessmentStatus> statusProperty() { return status; }
    public ObjectProperty<RiskBand> minimumResidualProperty() { return minimumResidual; }
    public BooleanProperty overdueOnlyProperty() { return overdueOnly; }
    public ReadOnlyObjectProperty<LocalDate> todayProperty() { return today.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RiskBand> toleranceProperty() { return tolerance.getReadOnlyProperty(); }
    /** False until the first load finished (so the empty state is not flashed before). */
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }

    public void setOnFailure(Consumer<Throwable> handler) { onFailure = handler; }
    /** The draft just discarded while Undo is offered, else null. */
    public ReadOnlyObjectProperty<Assessment> undoableProperty() { return undoable.getReadOnlyProperty(); }

    /** Offers Undo for a discarded draft for {@link #UNDO_WINDOW}; the list is read again. */
    public void offerUndo(Assessment discarded) {
        long shown = ++offer;
        undoable.set(discarded);
        later.accept(UNDO_WINDOW, () -> {
            if (offer == shown) {
                undoable.set(null);
            }
        });
        refresh();
    }

    /** Restores the draft on offer (audited as a restore); {@code restored} gets it. Nothing on offer: nothing. */
    public void undoDiscard(Consumer<Assessment> restored) {
        Assessment a = undoable.get();
        if (a == null) {
            return;
        }
        ++offer;
        undoable.set(null);
        context.background().run(() -> service.restore(a.id(), context.actor()),
                r -> refresh(() -> restored.accept(r)), onFailure);
    }

    private record Snapshot(List<AssessmentSummary> summaries, RiskBand tolerance, LocalDate today) {
    }

    public void refresh() {
        refresh(() -> { });
    }

    public void refresh(Runnable then) {
        context.background().run(() -> new Snapshot(service.list(), service.tolerance(), service.today()), s -> {
            today.set(s.today());
            tolerance.set(s.tolerance());
            all.setAll(s.summaries());
            loaded.set(true);
            then.run();
        }, onFailure);
    }

    /** Creates a draft for the named system, owned by the current user; {@code created} gets it. */
    public void create(String systemName, Consumer<Assessment> created) {
        context.background().run(() -> service.create(systemName, context.actor(), context.actor()),
                a -> refresh(() -> created.accept(a)), onFailure);
    }

    /** Changes the workspace's residual tolerance (an audited governance setting). */
    public void setTolerance(RiskBand band, Runnable then) {
        context.background().run(() -> {
            service.setTolerance(band, context.actor());
            return band;
        }, b -> {
            tolerance.set(b);
            then.run();
        }, onFailure);
    }
}
