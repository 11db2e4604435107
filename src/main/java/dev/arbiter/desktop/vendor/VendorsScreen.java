package dev.arbiter.desktop.vendor;

import dev.arbiter.core.agent.AgentChanged;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.vendor.VendorsChanged;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.report.vendor.VendorReport;
import java.time.ZoneId;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Vendors screen as the shell lists it. It follows the workspace: vendors, fallbacks, agents and
 * model changes made here, by the CLI or by another process.
 */
public final class VendorsScreen {

    public static final String TITLE = "Vendors";

    private VendorsScreen() {
    }

    public static Screen create(DesktopContext context) {
        var ws = context.workspace();
        VendorsViewModel model = new VendorsViewModel(ws.vendors(), ws.providerPlans(), ws.modelChanges(),
                ws::vendorOverview, (overview, file) -> new VendorReport(overview, ws.clock().instant(),
                        ZoneId.systemDefault(), context.actor()).write(file),
                context::actor, context.background(), new StatusMessage(context.ui()));
        FxTicker ticker = new FxTicker(model::refresh, context.ui());
        ws.events().subscribe(VendorsChanged.class, e -> ticker.mark());
        ws.events().subscribe(AgentChanged.class, e -> ticker.mark());
        ws.events().subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("vendor", "agent_fallback", "model_change", "agent")) {
                ticker.mark();
            }
        });
        return new LazyScreen(TITLE, Material2MZ.STOREFRONT, () -> new VendorsView(model), model::refresh);
    }
}
