package dev.arbiter.desktop.vendor;

import dev.arbiter.desktop.DesktopContext;
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
        model.follow(ws.events(), context.ui());
        return new LazyScreen(TITLE, Material2MZ.STOREFRONT, () -> new VendorsView(model), model::refresh);
    }
}
