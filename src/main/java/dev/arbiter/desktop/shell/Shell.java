package dev.arbiter.desktop.shell;

import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.alert.AlertNotifier;
import dev.arbiter.desktop.alert.AlertsScreen;
import dev.arbiter.desktop.assessment.AssessmentScreen;
import dev.arbiter.desktop.audit.AuditLogView;
import dev.arbiter.desktop.audit.AuditLogViewModel;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.desktop.compliance.ComplianceScreen;
import dev.arbiter.desktop.exercise.ExercisesScreen;
import dev.arbiter.desktop.incident.IncidentsScreen;
import dev.arbiter.desktop.mcp.McpToolsScreen;
import dev.arbiter.desktop.metrics.MetricsScreen;
import dev.arbiter.desktop.policies.PoliciesScreen;
import dev.arbiter.desktop.queue.QueueNotifier;
import dev.arbiter.desktop.queue.QueueScreen;
import dev.arbiter.desktop.queue.QueueViewModel;
import dev.arbiter.desktop.readiness.ReadinessScreen;
import dev.arbiter.desktop.settings.GatewayControl;
import dev.arbiter.desktop.settings.SettingsView;
import dev.arbiter.desktop.settings.SettingsViewModel;
import dev.arbiter.desktop.tokens.TokensScreen;
import dev.arbiter.desktop.vendor.VendorsScreen;
import java.util.List;
import org.kordamp.ikonli.material2.Material2MZ;

/** Assembles the main window for one open workspace: the screens, in navigation order. */
public final class Shell {

    private Shell() {
    }

    /** The window with the gateway off (tests, previews); {@link #launch} also starts the gateway. */
    public static MainWindow build(DesktopContext context, Runnable startEmptyWorkspace) {
        return assemble(context, startEmptyWorkspace, new GatewayControl(context));
    }

    /** The window as the app opens it: the gateway starts when the workspace has it enabled. */
    public static MainWindow launch(DesktopContext context, Runnable startEmptyWorkspace) {
        GatewayControl gateway = new GatewayControl(context);
        MainWindow window = assemble(context, startEmptyWorkspace, gateway);
        gateway.startIfEnabled();
        window.own(dev.arbiter.telemetry.WebhookSender.start(context.workspace()));
        return window;
    }

    /** The window with a given gateway control (tests that run a real gateway). */
    public static MainWindow assemble(DesktopContext context, Runnable startEmptyWorkspace, GatewayControl gateway) {
        StatusModel status = new StatusModel(context);
        status.gatewayProperty().bind(gateway.statusProperty());
        QueueViewModel queue = new QueueViewModel(context);
        status.pendingProperty().bind(queue.summaryProperty());
        status.pendingCountProperty().bind(queue.pendingCountProperty());
        AlertsScreen alerts = new AlertsScreen(context);
        List<Screen> screens = List.of(
                ReadinessScreen.create(context),
                new AssessmentScreen(context),
                new PoliciesScreen(context),
                new ComplianceScreen(context),
                new QueueScreen(queue),
                auditLog(context, status),
                alerts,
                new IncidentsScreen(context),
                new ExercisesScreen(context),
                MetricsScreen.create(context),
                TokensScreen.create(context),
                McpToolsScreen.create(context),
                VendorsScreen.create(context),
                settings(context, gateway));
        KillSwitchBar killSwitch = new KillSwitchBar(new KillSwitchViewModel(context));
        boolean demo = DemoWorkspace.isDemo(context.workspace().settings());
        MainWindow window = new MainWindow(screens, killSwitch, new StatusBar(status),
                demo ? MainWindow.demoBanner(startEmptyWorkspace) : null);
        window.own(gateway);
        window.own(queue);
        queue.onGatedArrived(new QueueNotifier(window, () -> window.select(QueueScreen.TITLE)));
        window.own(alerts.model());
        alerts.model().onArrived(new AlertNotifier(window, () -> window.select(AlertsScreen.TITLE)));
        window.select("Readiness");
        return window;
    }

    private static Screen auditLog(DesktopContext context, StatusModel status) {
        AuditLogViewModel model = new AuditLogViewModel(context);
        model.onVerified(status::ledgerVerified);
        return new LazyScreen("Audit Log", Material2MZ.RECEIPT_LONG, () -> new AuditLogView(model), model::refresh);
    }

    private static Screen settings(DesktopContext context, GatewayControl gateway) {
        SettingsViewModel model = new SettingsViewModel(context, gateway);
        return new LazyScreen("Settings", Material2MZ.SETTINGS, () -> new SettingsView(model), model::load);
    }
}
