package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import dev.arbiter.telemetry.OtelSetup;
import dev.arbiter.telemetry.OtelTelemetry;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code arbiter serve [--port N] [--bind ADDR] [--tls-cert F --tls-key F
 * [--tls-client-ca F]] [--insecure-no-tls] [--host-name NAME]...}: the
 * decision gateway without a window. Runs until Ctrl+C or SIGTERM, then
 * finishes the requests in flight and writes what the ledger still holds
 * before exiting. An address other than loopback needs TLS unless
 * {@code --insecure-no-tls} is given (issue 13 §2).
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
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate (chain) to serve HTTPS with; needs --tls-key.")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key (unencrypted PKCS#8, BEGIN PRIVATE KEY) of --tls-cert.")
    Path tlsKey;
    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "PEM CA certificate(s): clients must present a certificate it signed.")
    Path tlsClientCa;
    @Option(names = "--insecure-no-tls",
            description = "Allow plain HTTP on an address other than loopback (anyone on the network can read "
                    + "and forge traffic).")
    boolean insecureNoTls;
    @Option(names = "--host-name", paramLabel = "NAME",
            description = "A further name callers may use in Host (besides 127.0.0.1, localhost, [::1] and the "
                    + "bind address); repeatable.")
    List<String> hostNames = new ArrayList<>();
    @Option(names = "--otel", description = "Send OpenTelemetry spans and metrics (OTLP) for each decision, "
            + "configured by the standard OTEL_* environment variables (default endpoint http://localhost:4318).")
    boolean otel;
    @Option(names = "--otel-endpoint", paramLabel = "URL", description = "Like --otel, to this OTLP endpoint "
            + "(e.g. http://collector:4318; overrides OTEL_EXPORTER_OTLP_ENDPOINT).")
    String otelEndpoint;

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = workspace.openStarted();
        GatewayConfig config = GatewayConfig.from(ws.settings());
        if (port != null) {
            config = config.withPort(port);
        }
        if (bind != null) {
            config = config.withBind(bind);
        }
        if ((tlsCert == null) != (tlsKey == null) || (tlsClientCa != null && tlsCert == null)) {
            ws.close();
            spec.commandLine().getErr().println("arbiter: TLS needs both --tls-cert and --tls-key"
                    + (tlsClientCa != null ? " (--tls-client-ca only adds client certificates to them)" : "") + ".");
            return 2;
        }
        if (tlsCert != null) {
            config = config.withTls(new GatewayConfig.TlsFiles(tlsCert, tlsKey, tlsClientCa));
        }
        config = config.withInsecureNoTls(config.insecureNoTls() || insecureNoTls).withHostNames(hostNames);
        java.util.Optional<OtelTelemetry> telemetry;
        try {
            telemetry = otel || otelEndpoint != null ? OtelSetup.start(ws, otelEndpoint) : java.util.Optional.empty();
        } catch (ConfigurationException e) {
            ws.close();
            spec.commandLine().getErr().println("arbiter: OpenTelemetry configuration: " + e.getMessage());
            return 2;
        }
        GatewayServer server = new GatewayServer(ws, config);
        try {
            server.start();
        } catch (IllegalStateException e) {
            telemetry.ifPresent(OtelTelemetry::close);
            ws.close();
            spec.commandLine().getErr().println("arbiter: " + e.getMessage());
            return 1;
        }
        dev.arbiter.telemetry.WebhookSender webhooks = dev.arbiter.telemetry.WebhookSender.start(ws);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Arbiter gateway listening on " + server.url());
        out.println("Workspace: " + ws.directory().root() + ". Stop with Ctrl+C.");
        telemetry.ifPresent(t -> out.println("OpenTelemetry: on (OTLP)."));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            webhooks.close();
            telemetry.ifPresent(OtelTelemetry::close);
            ws.close();
            stopped.countDown();
        }, "arbiter-serve-shutdown"));
        stopped.await();
        return 0;
    }
}
