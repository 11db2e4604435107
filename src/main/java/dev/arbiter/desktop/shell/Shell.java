package dev.arbiter.desktop.shell;

import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.assessment.AssessmentScreen;
import dev.arbiter.desktop.compliance.ComplianceScreen;
import dev.arbiter.desktop.policies.PoliciesScreen;
import dev.arbiter.desktop.readiness.ReadinessScreen;
import dev.arbiter.desktop.audit.AuditLogView;
import dev.arbiter.desktop.audit.AuditLogViewModel;
import dev.arbiter.desktop.settings.SettingsView;
import dev.arbiter.desktop.settings.SettingsViewModel;
import java.util.List;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** Assembles the main window for one open workspace: the screens, in navigation order. */
public final class Shell {

    private Shell() {
    }

    public static MainWindow build(DesktopContext context, Runnable startEmptyWorkspace) {
        StatusModel status = new StatusModel(context);
        List<Screen> screens = List.of(
                new ReadinessScreen(context),
                new AssessmentScreen(context),
                new PoliciesScreen(context),
                new ComplianceScreen(context),
                new ComingScreen("Escalation Queue", Material2MZ.PAN_TOOL,
                        "Gated actions waiting for a reviewer. Today: the kill switch above stops every agent."),
                auditLog(context, status),
                settings(context));
        KillSwitchBar killSwitch = new KillSwitchBar(new KillSwitchViewModel(context));
        boolean demo = DemoWorkspace.isDemo(context.workspace().settings());
        MainWindow window = new MainWindow(screens, killSwitch, new StatusBar(status),
                demo ? MainWindow.demoBanner(startEmptyWorkspace) : null);
        window.select("Readiness");
        return window;
    }

    private static Screen auditLog(DesktopContext context, StatusModel status) {
        AuditLogViewModel model = new AuditLogViewModel(context);
        model.onVerified(status::ledgerVerified);
        return new LazyScreen("Audit Log", Material2MZ.RECEIPT_LONG, () -> new AuditLogView(model), model::refresh);
    }

    private static Screen settings(DesktopContext context) {
        SettingsViewModel model = new SettingsViewModel(context);
        return new LazyScreen("Settings", Material2MZ.SETTINGS, () -> new SettingsView(model), model::load);
    }
}
