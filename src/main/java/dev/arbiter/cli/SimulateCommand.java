package dev.arbiter.cli;

import dev.arbiter.bench.DemoTraffic;
import dev.arbiter.bench.NotADemoWorkspaceException;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.token.Ttl;
import dev.arbiter.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code arbiter simulate}: drives realistic traffic from the demo agents
 * against a running gateway (start one with {@code arbiter serve} on the same
 * workspace). Issues itself short-lived tokens and revokes them at the end.
 * Refuses a workspace that is not a demo one unless {@code --allow-real-workspace};
 * its simulated reviewer decides only the demo agents' queued actions.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Send realistic traffic from the demo agents to a running gateway.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--agents", defaultValue = "3", description = "Simulated agents (default ${DEFAULT-VALUE}).")
    int agents;
    @Option(names = "--rate", defaultValue = "2", description = "Requests per second in all (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--duration", defaultValue = "60s", paramLabel = "TIME",
            description = "How long: 30s, 5m, 1h (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--url", paramLabel = "URL",
            description = "The gateway (default: from the workspace settings, else http://127.0.0.1:8765).")
    String url;
    @Option(names = "--no-reviewer", description = "Do not decide queued actions (they time out instead).")
    boolean noReviewer;
    @Option(names = "--allow-real-workspace",
            description = "Run on a workspace that is not a demo one (adds the demo agents to it).")
    boolean allowRealWorkspace;

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("--agents must be at least 1 and --rate above 0");
        }
        Duration length = Ttl.parse(duration);
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = workspace.openStarted()) {
            if (!allowRealWorkspace && !DemoWorkspace.isDemo(ws.settings())) {
                throw new NotADemoWorkspaceException(ws.directory().root()); // before anything is written
            }
            String base = url != null ? url : urlOf(GatewayConfig.from(ws.settings()));
            if (!reachable(base)) {
                spec.commandLine().getErr().println("arbiter: no gateway answers at " + base
                        + "; start one with: arbiter serve" + (workspace.dataDir == null ? ""
                        : " --data-dir " + workspace.dataDir));
                return 1;
            }
            String actor = CliActor.of(ws) + " (simulate)";
            out.printf("Simulating %d agents at %.1f requests/s for %s against %s%n", agents, rate, duration, base);
            out.flush();
            DemoTraffic traffic = new DemoTraffic(ws, base, actor, out);
            if (allowRealWorkspace) {
                traffic.allowingRealWorkspace();
            }
            traffic.run(agents, rate, length, !noReviewer);
            return 0;
        }
    }

    private static String urlOf(GatewayConfig config) {
        String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
        return "http://" + host + ":" + config.port();
    }

    private static boolean reachable(String base) {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/v1/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
