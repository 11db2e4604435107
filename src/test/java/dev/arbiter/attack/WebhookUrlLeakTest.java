package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.arbiter.cli.ArbiterCommand;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.webhook.InvalidWebhookException;
import dev.arbiter.core.webhook.WebhookKind;
import dev.arbiter.core.webhook.WebhookTopic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A webhook's URL is its own credential. A failing {@code arbiter webhook add} must not write it to the log, and a
 * host that merely starts like a loopback address ({@code 127.0.0.1.attacker.example}) must not pass as "this
 * machine" to get the URL sent over plain HTTP across the network.
 */
class WebhookUrlLeakTest {

    @TempDir
    Path dir;

    /** A command that fails the way an unexpected fault (a lost database, a full disk) does. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Option(names = "--url")
        String url;

        @Override
        public Integer call() {
            throw new IllegalStateException("the database went away");
        }
    }

    @Test
    void aFailingCommandDoesNotLogItsArguments() {
        String secret = "T0001/B0002/XyZsecretPart9931";
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            CommandLine cli = ArbiterCommand.commandLine();
            cli.addSubcommand(new Boom());
            cli.setOut(new PrintWriter(new StringWriter(), true));
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("boom", "--url", "https://hooks.slack.com/services/" + secret);
            assertThat(code).isNotZero();
            assertThat(err.toString()).contains("the database went away").doesNotContain(secret);
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).as("the failure is logged").isNotEmpty();
        for (ILoggingEvent e : logged.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(secret);
        }
    }

    @Test
    void plainHttpOnlyToAHostThatIsReallyThisMachine() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir.resolve("ws")))) {
            for (String url : new String[] {"http://127.0.0.1.attacker.example/hook",
                "http://127.evil.example/hook", "http://localhost.attacker.example/hook"}) {
                assertThatThrownBy(() -> ws.webhooks().add(WebhookKind.GENERIC, url, Set.of(WebhookTopic.ALERTS),
                        "op")).as(url).isInstanceOf(InvalidWebhookException.class);
            }
            assertThat(ws.webhooks().add(WebhookKind.GENERIC, "http://127.0.0.1:8080/hook",
                    Set.of(WebhookTopic.ALERTS), "op").url()).isEqualTo("http://127.0.0.1:8080/hook");
        }
    }
}
