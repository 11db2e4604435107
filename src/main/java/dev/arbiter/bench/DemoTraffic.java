package dev.arbiter.bench;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.token.IssuedToken;
import dev.arbiter.core.token.Ttl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo agents sending realistic traffic to a running gateway on this
 * workspace: issues them tokens that outlive the run by a few minutes, runs
 * the {@link TrafficSimulator}, and revokes the tokens afterwards. Shared by
 * {@code arbiter simulate} and the desktop's "Run simulator" button.
 */
public final class DemoTraffic {

    private final Workspace workspace;
    private final String baseUrl;
    private final String actor;
    private final PrintWriter out;
    private volatile TrafficSimulator running;
    private volatile boolean stopped;
    private boolean realWorkspaceAllowed;

    /**
     * @param actor who the tokens are issued and revoked by (the audit ledger records it)
     */
    public DemoTraffic(Workspace workspace, String baseUrl, String actor, PrintWriter out) {
        this.workspace = workspace;
        this.baseUrl = baseUrl;
        this.actor = actor;
        this.out = out;
    }

    /**
     * Lets {@link #run} work on a workspace that is not a demo one (the user
     * asked for it explicitly): it registers the demo agents there and sends
     * their traffic; its reviewer still decides only their items.
     */
    public DemoTraffic allowingRealWorkspace() {
        realWorkspaceAllowed = true;
        return this;
    }

    /**
     * Runs until {@code duration} has passed or {@link #stop()}; blocks.
     *
     * @throws NotADemoWorkspaceException when the workspace is not a demo one and
     *         {@link #allowingRealWorkspace()} was not called (nothing is written)
     *
     * @param simulatedReviewer true to let a simulated reviewer decide queued actions; false leaves
     *                          them for a person (or their timeout)
     */
    public void run(int agents, double rate, Duration duration, boolean simulatedReviewer) throws InterruptedException {
        if (!realWorkspaceAllowed && !DemoWorkspace.isDemo(workspace.settings())) {
            throw new NotADemoWorkspaceException(workspace.directory().root());
        }
        DemoAgents.ensure(workspace);
        Duration ttl = duration.plusMinutes(10).compareTo(Ttl.MAX) > 0 ? Ttl.MAX : duration.plusMinutes(10);
        Map<String, IssuedToken> issued = new LinkedHashMap<>();
        try {
            for (String id : DemoAgents.IDS) {
                issued.put(id, workspace.tokens().issue(id, ttl, actor));
            }
            Map<String, String> tokens = new LinkedHashMap<>();
            issued.forEach((id, t) -> tokens.put(id, t.token()));
            TrafficSimulator simulator = new TrafficSimulator(baseUrl, tokens,
                    simulatedReviewer ? workspace.queue() : null, out);
            running = simulator;
            if (!stopped) {
                simulator.run(agents, rate, duration);
            }
        } finally {
            running = null;
            issued.values().forEach(t -> workspace.tokens().revoke(t.info().id(), actor));
        }
    }

    /** Ends a run early (from any thread). */
    public void stop() {
        stopped = true;
        TrafficSimulator simulator = running;
        if (simulator != null) {
            simulator.stop();
        }
    }
}
