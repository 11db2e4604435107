package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.telemetry.AuditTail;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbiter audit tail --format ocsf|cef (--to-file F | --syslog HOST:PORT [--tcp]) [--once]}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Send the ledger to a SIEM continuously: every entry (also those other processes write), "
                + "in order, once, as OCSF or CEF lines, to a file or a syslog collector (RFC 5424).",
                "A restart resumes after the last entry sent: a file is its own bookmark; for syslog the bookmark "
                        + "is kept in the data directory (siem/)."})
final class AuditTailCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "ocsf|cef|jsonl",
            description = "ocsf (OCSF 1.3.0 JSON, one event a line), cef (ArcSight CEF) or jsonl.")
    ExportFormat format;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to-file", paramLabel = "FILE", description = "Append to FILE.")
        Path file;
        @Option(names = "--syslog", paramLabel = "HOST:PORT", description = "Send to a syslog collector (UDP unless --tcp).")
        String syslog;
    }

    @Option(names = "--tcp", description = "Syslog over TCP (octet counting, RFC 6587) instead of UDP.")
    boolean tcp;
    @Option(names = "--once", description = "Send what the ledger holds now, then exit (instead of following it).")
    boolean once;

    @Override
    public Integer call() throws Exception {
        if (format == ExportFormat.CSV) {
            spec.commandLine().getErr().println("arbiter: --format must be ocsf, cef or jsonl for a continuous export.");
            return 2;
        }
        try (Workspace ws = workspace.openStarted()) {
            AuditTail tail;
            String where;
            try {
                if (target.file != null) {
                    tail = AuditTail.toFile(ws.auditReader(), format, target.file, Duration.ofMillis(200));
                    where = target.file.toAbsolutePath().toString();
                } else {
                    InetSocketAddress address = address(target.syslog);
                    if (address == null) {
                        spec.commandLine().getErr().println("arbiter: --syslog needs HOST:PORT (e.g. siem.example:514), "
                                + "not " + target.syslog + ".");
                        return 2;
                    }
                    Path dir = ws.directory().root().resolve("siem");
                    Files.createDirectories(dir);
                    Path bookmark = dir.resolve(("syslog-" + address.getHostString() + "-" + address.getPort() + "-"
                            + (tcp ? "tcp" : "udp") + "-" + format.name().toLowerCase(Locale.ROOT) + ".seq")
                            .replaceAll("[^A-Za-z0-9._-]", "_"));
                    tail = AuditTail.toSyslog(ws.auditReader(), format, address, tcp, bookmark, Duration.ofMillis(200));
                    where = "syslog " + target.syslog + (tcp ? " (TCP)" : " (UDP)");
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("arbiter: cannot open " + (target.file != null ? target.file
                        : target.syslog) + ": " + e.getMessage());
                return 1;
            }
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    done.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "arbiter-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (!once) {
                    spec.commandLine().getErr().println("Following the ledger to " + where + ". Stop with Ctrl+C.");
                }
                long sent = tail.run(!once, stop::get);
                spec.commandLine().getOut().println("Sent " + sent + " entries to " + where);
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("arbiter: could not write to " + where + ": " + e.getMessage()
                        + ". Run the same command again to resume after the last entry sent.");
                return 1;
            } finally {
                tail.close();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down: the hook is running
                }
            }
        }
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            String host = text.substring(0, colon).replace("[", "").replace("]", "");
            return port < 1 || port > 65_535 ? null : new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
