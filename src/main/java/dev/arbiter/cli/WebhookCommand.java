package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.webhook.InvalidWebhookException;
import dev.arbiter.core.webhook.Notice;
import dev.arbiter.core.webhook.Webhook;
import dev.arbiter.core.webhook.WebhookKind;
import dev.arbiter.core.webhook.WebhookPayload;
import dev.arbiter.core.webhook.WebhookTopic;
import dev.arbiter.telemetry.WebhookSender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter webhook add|list|remove|test}: the workspace's Slack, Teams or generic webhooks for
 * alerts and pending approvals. The URL is a secret: {@code --url -} reads it from standard input (so
 * it is in neither the shell history nor the process list), and it is only ever shown redacted.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Send alerts and pending approvals to Slack, Microsoft Teams or any JSON endpoint. "
                + "A running gateway (arbiter serve, or the desktop) delivers them, with retries.",
        subcommands = {WebhookCommand.Add.class, WebhookCommand.ListHooks.class, WebhookCommand.Remove.class,
                WebhookCommand.Test.class})
final class WebhookCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a webhook. Example: arbiter webhook add --kind slack --events alerts,approvals "
                    + "--url -   (then paste the URL and press Enter).")
    static final class Add implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Option(names = "--kind", required = true, paramLabel = "slack|teams|generic",
                description = "The JSON to send: a Slack or Teams incoming webhook's, or Arbiter's own.")
        String kind;
        @Option(names = "--url", required = true, paramLabel = "URL|-",
                description = "The webhook's https:// URL, or - to read it from standard input (recommended: "
                        + "the URL is its password).")
        String url;
        @Option(names = "--events", defaultValue = "alerts,approvals", paramLabel = "alerts,approvals",
                description = "What to send (default: both).")
        String events;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            WebhookKind k = WebhookKind.ofKey(kind.strip().toLowerCase(java.util.Locale.ROOT)).orElse(null);
            if (k == null) {
                err.println("arbiter: --kind must be slack, teams or generic, not \"" + kind + "\".");
                return 2;
            }
            Set<WebhookTopic> topics = EnumSet.noneOf(WebhookTopic.class);
            for (String e : events.split(",")) {
                if (e.isBlank()) {
                    continue;
                }
                WebhookTopic t = WebhookTopic.ofKey(e.strip().toLowerCase(java.util.Locale.ROOT)).orElse(null);
                if (t == null) {
                    err.println("arbiter: --events: \"" + e.strip() + "\" is not alerts or approvals.");
                    return 2;
                }
                topics.add(t);
            }
            String address = url.equals("-") ? new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)).readLine() : url;
            try (Workspace ws = workspace.open()) {
                Webhook w = ws.webhooks().add(k, address, topics, CliActor.of(ws));
                spec.commandLine().getOut().println("Added " + w.id() + " (" + k.key() + ", " + w.redactedUrl()
                        + ") for " + topics.stream().map(WebhookTopic::key).sorted().collect(Collectors.joining(", "))
                        + ". Try it: arbiter webhook test " + w.id());
                return 0;
            } catch (InvalidWebhookException e) {
                err.println("arbiter: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                // not through the failure handler, which would log the arguments (the URL) with it
                org.slf4j.LoggerFactory.getLogger(WebhookCommand.class).error("webhook add failed: {}",
                        e.getClass().getName());
                err.println("arbiter: the webhook was not added: " + (e.getMessage() == null ? "see the log file"
                        : e.getMessage().replace(address == null ? "\u0000" : address, Webhook.redact(address))));
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The webhooks (URLs redacted) and how many notifications wait to be delivered.")
    static final class ListHooks implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                List<Webhook> hooks = ws.webhooks().list();
                PrintWriter out = spec.commandLine().getOut();
                if (hooks.isEmpty()) {
                    out.println("No webhooks. Add one: arbiter webhook add --kind slack --url -");
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "KIND", "URL", "EVENTS", "ADDED BY"), 11, 8, 40, 18, 20);
                for (Webhook w : hooks) {
                    table.row(w.id(), w.kind().key(), w.redactedUrl(), w.topics().stream().map(WebhookTopic::key)
                            .sorted().collect(Collectors.joining(",")), w.createdBy());
                }
                table.print(out);
                out.println(ws.webhooks().pending() + " notification(s) waiting, " + ws.webhooks().delivered()
                        + " delivered.");
                return 0;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a webhook and its undelivered notifications (recorded in the ledger).")
    static final class Remove implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "WEBHOOK_ID", description = "As arbiter webhook list shows it.") String id;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                ws.webhooks().remove(id.strip(), CliActor.of(ws));
                spec.commandLine().getOut().println("Removed " + id.strip() + ".");
                return 0;
            } catch (InvalidWebhookException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Send a test message to a webhook now and say what it answered (exit 1 unless 2xx).")
    static final class Test implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "WEBHOOK_ID", description = "As arbiter webhook list shows it.") String id;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Webhook w = ws.webhooks().list().stream().filter(h -> h.id().equals(id.strip())).findFirst()
                        .orElse(null);
                if (w == null) {
                    spec.commandLine().getErr().println("arbiter: no webhook " + id.strip()
                            + "; arbiter webhook list shows them.");
                    return 2;
                }
                Notice test = new Notice(w.topics().iterator().next(), "test", "Arbiter test message",
                        "This webhook is set up: Arbiter will send " + w.topics().stream().map(WebhookTopic::key)
                                .sorted().collect(Collectors.joining(" and ")) + " here.",
                        Map.of("Workspace", ws.directory().root().getFileName().toString()));
                String answer = WebhookSender.sendOnce(w, WebhookPayload.render(w.kind(), test));
                boolean ok = answer.startsWith("HTTP 2");
                (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).println((ok ? "" : "arbiter: ")
                        + w.id() + " (" + w.redactedUrl() + ") answered " + answer + "."
                        + (ok ? "" : " Check the URL in the chat tool's webhook settings."));
                return ok ? 0 : 1;
            }
        }
    }

    private WebhookCommand() {
    }
}
