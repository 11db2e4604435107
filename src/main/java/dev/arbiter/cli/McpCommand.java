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
            description = {"Start an MCP server and govern its tool calls (stdio). Put this in the MCP client's "
                    + "server configuration in place of the server's own command:",
                    "  arbiter mcp proxy --agent files-agent -- npx -y @modelcontextprotocol/server-filesystem /srv",
                    "stdout carries only the protocol; the log is <data dir>/logs/arbiter.log."})
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
        @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The MCP server's command and arguments, "
                + "after --.")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            if (upstreamTimeout < 1) {
                throw new IllegalArgumentException("--upstream-timeout must be at least 1 second");
            }
            try (Workspace ws = workspace.open()) {
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
