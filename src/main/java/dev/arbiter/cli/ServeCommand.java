package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code arbiter serve [--port N] [--bind ADDR]}: the decision gateway without
 * a window. Runs until Ctrl+C or SIGTERM, then finishes the requests in flight
 * and writes what the ledger still holds before exiting.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the decision gateway without a window (stop with Ctrl+C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N",
            description = "Port to listen on; 0 picks a free one (default: setting gateway.port, else 8765).")
    Integer port;
    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default: setting gateway.bind, else 127.0.0.1).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = workspace.open();
        GatewayConfig config = GatewayConfig.from(ws.settings());
        if (port != null) {
            config = config.withPort(port);
        }
        if (bind != null) {
            config = config.withBind(bind);
        }
        GatewayServer server = new GatewayServer(ws, config);
        try {
            server.start();
        } catch (IllegalStateException e) {
            ws.close();
            spec.commandLine().getErr().println("arbiter: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Arbiter gateway listening on " + server.url());
        out.println("Workspace: " + ws.directory().root() + ". Stop with Ctrl+C.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            ws.close();
            stopped.countDown();
        }, "arbiter-serve-shutdown"));
        stopped.await();
        return 0;
    }
}
