package dev.arbiter.desktop.metrics;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.report.metrics.GovernanceReviewReport;
import java.time.ZoneId;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Metrics (issue 16) as the shell lists it. It follows the ledger (decisions, reviews, alert triage, also
 * from other processes through {@code WorkspaceChanged}) while it is on show: the ledger's commit thread
 * only marks a ticker, the FX thread then asks the model for a refresh, which runs at most one read at a
 * time. A hidden screen reads again when it is next shown.
 */
public final class MetricsScreen {

    public static final String TITLE = "Metrics";

    private MetricsScreen() {
    }

    public static Screen create(DesktopContext context) {
        Workspace ws = context.workspace();
        MetricsViewModel model = new MetricsViewModel(ws.metrics(), ws.clock(), context.background(),
                new StatusMessage(context.ui()), (review, out) -> new GovernanceReviewReport(review, ZoneId.systemDefault(),
                        context.actor()).write(out));
        MetricsView[] view = new MetricsView[1];
        FxTicker ticker = new FxTicker(() -> {
            if (view[0] != null && view[0].getScene() != null) {
                model.refresh();
            }
        }, context.ui());
        ws.events().subscribe(AuditAppended.class, e -> ticker.mark());
        ws.events().subscribe(WorkspaceChanged.class, e -> ticker.mark());
        return new LazyScreen(TITLE, Material2AL.INSIGHTS, () -> view[0] = new MetricsView(model), model::refresh);
    }
}
