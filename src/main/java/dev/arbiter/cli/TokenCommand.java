package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.token.IssuedToken;
import dev.arbiter.core.token.TokenInfo;
import dev.arbiter.core.token.Ttl;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter token issue|list|revoke}: bearer tokens for agents to call the gateway with. */
@Command(name = "token", description = "Issue, list and revoke agents' gateway tokens.",
        subcommands = {TokenCommand.Issue.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a token for an agent and print it (alone, once: only its hash is kept).")
    static final class Issue implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent_id it is for.")
        String agent;
        @Option(names = "--ttl", defaultValue = "1h", paramLabel = "TIME",
                description = "How long it is valid: 30m, 1h, 7d ... at most 30d (default ${DEFAULT-VALUE}).")
        String ttl;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                IssuedToken issued = ws.tokens().issue(agent, Ttl.parse(ttl), CliActor.of(ws));
                spec.commandLine().getOut().println(issued.token());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their text).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's tokens.")
        String agent;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Instant now = ws.clock().instant();
                List<TokenInfo> tokens = ws.tokens().list().stream()
                        .filter(t -> agent == null || agent.equals(t.agentId())).toList();
                PrintWriter out = spec.commandLine().getOut();
                if (tokens.isEmpty()) {
                    out.println(agent == null ? "No tokens. Issue one with: arbiter token issue --agent ID"
                            : "No tokens for " + agent + ".");
                    return 0;
                }
                java.util.Map<String, Instant> lastUses = ws.tokens().lastUses();
                TextTable table = new TextTable(List.of("ID", "AGENT", "STATE", "EXPIRES", "LAST USED", "ISSUED BY"),
                        16, 40, 8, 21, 21, 40);
                for (TokenInfo t : tokens) {
                    Instant used = lastUses.get(t.id());
                    table.row(t.id(), t.agentId(), t.state(now).wireName(), WHEN.format(t.expiresAt()),
                            used == null ? "never" : WHEN.format(used), t.createdBy());
                }
                table.print(out);
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The token id (see arbiter token list).")
        String id;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                TokenInfo revoked = ws.tokens().revoke(id, CliActor.of(ws));
                spec.commandLine().getOut().println("Token " + revoked.id() + " of " + revoked.agentId()
                        + " revoked.");
                return 0;
            }
        }
    }
}
