package dev.arbiter.desktop.shell;

import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.audit.AuditLogScreen;
import dev.arbiter.desktop.settings.SettingsScreen;
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
                new ComingScreen("Readiness", Material2MZ.SPEED,
                        "Score the six-dimension decision matrix and see whether you may deploy (20 of 30)."),
                new ComingScreen("Assessments", Material2AL.ASSIGNMENT,
                        "Risk assessments: data classification, six risk categories, heat map and sign-offs."),
                new ComingScreen("Policies & Agents", Material2MZ.POLICY,
                        "Agent registry and least-privilege policies. Today: arbiter policy validate on the CLI."),
                new ComingScreen("Escalation Queue", Material2MZ.PAN_TOOL,
                        "Gated actions waiting for a reviewer. Today: the kill switch above stops every agent."),
                new AuditLogScreen(context, status),
                new SettingsScreen(context));
        KillSwitchBar killSwitch = new KillSwitchBar(new KillSwitchViewModel(context));
        boolean demo = DemoWorkspace.isDemo(context.workspace().settings());
        MainWindow window = new MainWindow(screens, killSwitch, new StatusBar(status),
                demo ? MainWindow.demoBanner(startEmptyWorkspace) : null);
        window.select("Audit Log");
        return window;
    }
}
