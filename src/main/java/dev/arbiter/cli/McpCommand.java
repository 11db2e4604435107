package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.mcp.PinnedTool;
import dev.arbiter.mcp.StdioProxy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter mcp proxy|tools}: govern an MCP server's tool calls. */
@Command(name = "mcp", description = "Govern MCP tool calls: run a proxy in front of an MCP server, review its tools.",
        subcommands = {McpCommand.Proxy.class, McpCommand.Tools.class})
final class McpCommand {

    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = {"Govern an MCP server's tool calls. stdio: start the server and put this in the MCP "
                    + "client's configuration in place of the server's own command:",
                    "  arbiter mcp proxy --agent files-agent -- npx -y @modelcontextprotocol/server-filesystem /srv",
                    "Streamable HTTP: point the client at http://127.0.0.1:8766/mcp instead of the server's URL:",
                    "  arbiter mcp proxy --agent files-agent --upstream https://host/mcp --port 8766",
                    "stdout carries only the protocol (stdio); the log is <data dir>/logs/arbiter.log."})
    static final class Proxy implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--agent", required = true, paramLabel = "ID",
                description = "The registered agent whose policy governs the calls.")
        String agentId;
        @Option(names = "--upstream-timeout", defaultValue = "300", paramLabel = "SECONDS",
                description = "How long the server may take to answer one request (default ${DEFAULT-VALUE}).")
        long upstreamTimeout;
        @Option(names = "--otel-endpoint", paramLabel = "URL", description = "Send an OpenTelemetry span per "
                + "tool call to this OTLP/HTTP endpoint (OTEL_* variables configure the rest).")
        String otelEndpoint;
        @Option(names = "--upstream", paramLabel = "URL",
                description = "The MCP server's Streamable HTTP endpoint (http or https); Arbiter then serves MCP "
                        + "over HTTP itself instead of starting a command.")
        java.net.URI upstream;
        @Option(names = "--port", paramLabel = "N", description = "With --upstream: the port clients connect to "
                + "(default 8766; 0 for any free one).")
        Integer port;
        @Option(names = "--bind", paramLabel = "ADDR", description = "With --upstream: the address to listen on "
                + "(default 127.0.0.1; another address needs TLS or --insecure-no-tls).")
        String bind;
        @Option(names = "--tls-cert", paramLabel = "FILE", description = "With --upstream: PEM certificate (chain) "
                + "to serve HTTPS with; needs --tls-key.")
        java.nio.file.Path tlsCert;
        @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert.")
        java.nio.file.Path tlsKey;
        @Option(names = "--insecure-no-tls", description = "With --upstream: allow plain HTTP on an address other "
                + "than loopback (anyone on the network can read and send the calls).")
        boolean insecureNoTls;
        @Option(names = "--host-name", paramLabel = "NAME", description = "With --upstream: a further name clients "
                + "reach this proxy by (Host and Origin are checked against it); repeatable.")
        List<String> hostNames = new java.util.ArrayList<>();
        @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "stdio: the MCP server's command and "
                + "arguments, after --.")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            if (upstreamTimeout < 1) {
                throw new IllegalArgumentException("--upstream-timeout must be at least 1 second");
            }
            boolean http = upstream != null;
            if (http == (command != null && !command.isEmpty())) {
                throw new IllegalArgumentException("give either the MCP server's command after -- (stdio) or "
                        + "--upstream URL (Streamable HTTP), not both and not neither");
            }
            if (!http && (port != null || bind != null || tlsCert != null || tlsKey != null || insecureNoTls)) {
                throw new IllegalArgumentException("--port, --bind, --tls-cert, --tls-key and --insecure-no-tls "
                        + "are for --upstream (Streamable HTTP) only");
            }
            if (http && otelEndpoint != null) {
                throw new IllegalArgumentException("--otel-endpoint works with a stdio server (a command after --) "
                        + "so far, not with --upstream");
            }
            if (http) {
                return new McpHttpProxyRun(spec, workspace, agentId, upstreamTimeout).run(upstream,
                        new dev.arbiter.gateway.GatewayConfig(bind == null ? "127.0.0.1" : bind,
                                port == null ? 8766 : port, tlsCert == null && tlsKey == null ? null
                                : new dev.arbiter.gateway.GatewayConfig.TlsFiles(tlsCert, tlsKey, null),
                                insecureNoTls, hostNames));
            }
            try (Workspace ws = workspace.openStarted()) {
                if (ws.agents().find(agentId).isEmpty()) {
                    // not fatal: every call is refused with a reason the model and the client's log show
                    spec.commandLine().getErr().println("arbiter: agent " + agentId + " is not registered in "
                            + ws.directory().root() + "; every tool call will be refused. Add it with: arbiter agent "
                            + "add --id " + agentId + " --policy NAME");
                }
                var telemetry = otelEndpoint == null ? java.util.Optional.<dev.arbiter.telemetry.OtelTelemetry>empty()
                        : dev.arbiter.telemetry.OtelSetup.start(ws, otelEndpoint);
                try {
                    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
                    new StdioProxy(ws, agentId, upstreamTimeout).run(command, new FileInputStream(FileDescriptor.in),
                            stdout);
                } finally {
                    telemetry.ifPresent(dev.arbiter.telemetry.OtelTelemetry::close);
                }
            }
            return 0;
        }
    }

    @Command(name = "tools", description = "MCP tools Arbiter has pinned, and accepting a changed one.",
            subcommands = {Tools.ListTools.class, Tools.Accept.class})
    static final class Tools {

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "Tools seen per agent; CHANGED marks one whose description or schema changed since "
                        + "it was accepted.")
        static final class ListTools implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's tools.")
            String agentId;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    List<PinnedTool> tools = ws.toolFingerprints().list(agentId);
                    PrintWriter out = spec.commandLine().getOut();
                    if (tools.isEmpty()) {
                        out.println("No MCP tools seen yet" + (agentId == null ? "" : " for " + agentId)
                                + "; they are pinned when a proxy first lists them.");
                        return 0;
                    }
                    out.printf("%-20s %-32s %-9s %s%n", "AGENT", "TOOL", "STATE", "FINGERPRINT");
                    for (PinnedTool t : tools) {
                        out.printf("%-20s %-32s %-9s %s%n", t.agentId(), t.tool(), t.changed() ? "CHANGED" : "accepted",
                                t.seenFingerprint().substring(0, 16));
                        if (t.changed()) {
                            out.println("    accepted: " + oneLine(t.acceptedDescription()));
                            out.println("    now:      " + oneLine(t.description()));
                        }
                    }
                    return 0;
                }
            }

            private static String oneLine(String text) {
                String flat = text.replaceAll("\\s+", " ").strip();
                return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
            }
        }

        @Command(name = "accept", mixinStandardHelpOptions = true,
                description = "Accept a changed tool as it is now, so a policy that blocks changed tools lets its "
                        + "calls be decided again (audited).")
        static final class Accept implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent the tool is seen for.")
            String agentId;
            @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name.")
            String tool;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    PinnedTool accepted = ws.toolFingerprints().accept(agentId, tool, CliActor.of(ws));
                    spec.commandLine().getOut().println("Accepted " + tool + " for " + agentId + " (fingerprint "
                            + accepted.acceptedFingerprint().substring(0, 16) + ").");
                    return 0;
                }
            }
        }
    }
}
