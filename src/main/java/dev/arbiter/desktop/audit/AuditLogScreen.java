package dev.arbiter.desktop.audit;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.shell.Screen;
import dev.arbiter.desktop.shell.StatusModel;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Navigation entry for the Audit Log. */
public final class AuditLogScreen implements Screen {

    private final AuditLogViewModel model;
    private AuditLogView view;

    public AuditLogScreen(DesktopContext context, StatusModel status) {
        this.model = new AuditLogViewModel(context);
        model.onVerified(status::ledgerVerified);
    }

    public AuditLogViewModel model() {
        return model;
    }

    @Override
    public String title() {
        return "Audit Log";
    }

    @Override
    public Ikon icon() {
        return Material2MZ.RECEIPT_LONG;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new AuditLogView(model);
        }
        return view;
    }

    @Override
    public void shown() {
        model.refresh();
    }
}
