package dev.arbiter.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.store.DataDirectory;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The continuous SIEM export: every entry once, in order, across restarts, crashes and another writer. */
class AuditTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CEF_SEQ = Pattern.compile(" externalId=(\\d+)");
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private Workspace open() {
        return Workspace.open(new DataDirectory(dir.resolve("ws")));
    }

    private static void write(Workspace ws, int n, String hostile) {
        for (int i = 0; i < n; i++) {
            ws.ledger().append(AuditEntry.of("decision").agentId("agent-" + i).action("read:thing")
                    .decision("allow").inputSummary(hostile + i).build());
        }
    }

    private static List<Long> seqs(Path file, ExportFormat format) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (format == ExportFormat.CEF) {
                Matcher m = CEF_SEQ.matcher(line);
                m.find(FileTailSink.CefHeader.end(line));
                out.add(Long.parseLong(m.group(1)));
            } else {
                out.add(JSON.readTree(line).at("/metadata/sequence").asLong());
            }
        }
        return out;
    }

    private static List<Long> ledgerSeqs(Workspace ws) {
        List<Long> out = new ArrayList<>();
        ws.auditReader().forEach(AuditQuery.all(), e -> out.add(e.seq()));
        return out;
    }

    private static long once(Workspace ws, ExportFormat format, Path file) throws Exception {
        AuditTail tail = AuditTail.toFile(ws.auditReader(), format, file, POLL);
        try {
            return tail.run(false, () -> false);
        } finally {
            tail.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"OCSF", "CEF"})
    void aRestartResumesAfterTheLastLineEvenWhenAnotherProcessWroteAndTheLastRunWasCutMidLine(ExportFormat format)
            throws Exception {
        Path file = dir.resolve("siem.out");
        String hostile = "x|y=z\\\n\r\ud800 externalId=999 \"sequence\":999 ";
        try (Workspace ws = open()) {
            write(ws, 3, hostile);
            assertThat(once(ws, format, file)).isEqualTo(3);
            try (Workspace other = open()) { // a second writer on the same workspace, as another process is
                write(other, 600, hostile); // more than one batch
            }
            Files.writeString(file, format == ExportFormat.CEF ? "CEF:0|Arbiter|Arbi" : "{\"class_uid\":60",
                    StandardOpenOption.APPEND); // the previous run died mid-line
            assertThat(once(ws, format, file)).isEqualTo(600);
            assertThat(once(ws, format, file)).isZero();

            assertThat(seqs(file, format)).isEqualTo(ledgerSeqs(ws));
        }
    }

    @Test
    void followingPicksUpWhatAnotherWriterAppendsUntilStopped() throws Exception {
        Path file = dir.resolve("follow.ocsf");
        try (Workspace ws = open()) {
            write(ws, 2, "a");
            AtomicBoolean stop = new AtomicBoolean();
            AuditTail tail = AuditTail.toFile(ws.auditReader(), ExportFormat.OCSF, file, POLL);
            CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return tail.run(true, stop::get);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Workspace other = open()) {
                write(other, 5, "b");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file)
                    && Files.readAllLines(file).size() == 7);
            stop.set(true);
            assertThat(running.get()).isEqualTo(7);
            tail.close();
            assertThat(seqs(file, ExportFormat.OCSF)).isEqualTo(ledgerSeqs(ws));
        }
    }

    @Test
    void syslogOverUdpSendsRfc5424AndTheBookmarkResumes() throws Exception {
        Path bookmark = dir.resolve("syslog.seq");
        try (Workspace ws = open(); DatagramSocket receiver = new DatagramSocket(0)) {
            receiver.setSoTimeout(5000);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", receiver.getLocalPort());
            write(ws, 3, "u");
            runSyslog(ws, to, false, bookmark);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
                receiver.receive(p);
                got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
            assertThat(got).allMatch(m -> m.matches("<109>1 \\S+ \\S+ arbiter - cef - CEF:0\\|Arbiter\\|.*"));
            List<Long> ledger = ledgerSeqs(ws);
            assertThat(Files.readString(bookmark)).isEqualTo(Long.toString(ledger.get(2)));

            write(ws, 1, "v");
            runSyslog(ws, to, false, bookmark);
            DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
            receiver.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                    .contains(" externalId=" + ledgerSeqs(ws).get(3) + " ");
        }
    }

    @Test
    void syslogOverTcpUsesOctetCounting() throws Exception {
        try (Workspace ws = open(); ServerSocket server = new ServerSocket(0)) {
            write(ws, 4, "line\nbreak");
            List<String> frames = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                    for (int i = 0; i < 4; i++) {
                        StringBuilder len = new StringBuilder();
                        for (int c = in.read(); c != ' '; c = in.read()) {
                            len.append((char) c);
                        }
                        byte[] frame = new byte[Integer.parseInt(len.toString())];
                        in.readFully(frame);
                        frames.add(new String(frame, StandardCharsets.UTF_8));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            runSyslog(ws, new InetSocketAddress("127.0.0.1", server.getLocalPort()), true, dir.resolve("tcp.seq"));
            reading.get();
            assertThat(frames).hasSize(4).allMatch(f -> f.startsWith("<109>1 ") && !f.contains("\n"));
        }
    }

    private static void runSyslog(Workspace ws, InetSocketAddress to, boolean tcp, Path bookmark) throws Exception {
        AuditTail tail = AuditTail.toSyslog(ws.auditReader(), ExportFormat.CEF, to, tcp, bookmark, POLL);
        try {
            tail.run(false, () -> false);
        } finally {
            tail.close();
        }
    }
}
