package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.Settings;
import java.util.List;

/**
 * Fills a new workspace with realistic sample content so that a first run shows
 * something alive. The workspace is marked as a demo, and every face says so.
 */
public final class DemoWorkspace {

    public static final String SETTING = "workspace.demo";

    /** Each feature adds its seed here, in dependency order (agents before their decisions). */
    private static final List<DemoSeed> SEEDS = List.of(
            new PolicyDemoSeed(),
            new AuditDemoSeed(),
            new ReadinessDemoSeed(),
            new AssessmentDemoSeed(),
            new GatewayDemoSeed(),
            new VendorDemoSeed());

    private DemoWorkspace() {
    }

    public static boolean isDemo(Settings settings) {
        return settings.getBoolean(SETTING, false);
    }

    /** Seeds an empty workspace; refuses one that already holds anything. */
    public static void seed(Workspace workspace) {
        if (workspace.auditReader().count(dev.arbiter.core.audit.AuditQuery.all()) > 0) {
            throw new IllegalStateException("The workspace in " + workspace.directory().root()
                    + " is not empty; the demo is only added to a new workspace.");
        }
        workspace.settings().put(SETTING, "true");
        SEEDS.forEach(seed -> seed.seed(workspace));
    }
}
