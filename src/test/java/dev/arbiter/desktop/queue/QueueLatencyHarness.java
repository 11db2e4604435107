package dev.arbiter.desktop.queue;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.shell.Shell;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Measures the queue's two latency promises on this machine; not part of the
 * build (the name does not end in Test). Run it alone:
 * {@code mvn -B -q test -Dtest=QueueLatencyHarness}; the figures are printed and written to
 * {@code target/queue-latency.txt}.
 *
 * <ol>
 * <li>Arrival to on screen: agents post gated actions to the real gateway at
 *     {@value #RATE} per second for {@value #SECONDS} s, the table sorted newest
 *     first so that each arrival lands in view; each is timed from just
 *     before the client sends it (so the figure includes the HTTP exchange and
 *     the durable ledger write, an upper bound of "after the gateway received
 *     it") to the first layout pulse of the window after its row joined the
 *     table. Meanwhile a probe measures how long the FX thread takes to run a
 *     task posted every 50 ms (is the window responsive?).</li>
 * <li>Click to long poll: with the queue still full, the agent of the selected
 *     row waits in a long poll; the reviewer presses A and Enter; timed from the
 *     Enter key to the agent's response arriving.</li>
 * </ol>
 */
@ExtendWith(ApplicationExtension.class)
class QueueLatencyHarness {

    static final int RATE = 100;
    static final int SECONDS = 20;
    static final int WARM_UP_SECONDS = 10;
    static final int AGENTS = 4;
    static final int CLICKS = 20;
    static final String POLICY = """
            agent_policy:
              name: "queue-bench"
              allowed_actions:
                - approve:*
              tier_overrides:
                "approve:*": gated
              approval_timeout_minutes: 60
            """;

    @TempDir
    static Path dir;
    DesktopContext context;
    GatewayServer gateway;
    MainWindow window;
    Stage stage;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = FxTestSupport.context(dir.resolve("ws"));
        var ws = context.workspace();
        ws.policies().save(POLICY, "bench", null, true);
        for (int i = 1; i <= AGENTS; i++) {
            String id = "bench-" + i;
            ws.agents().add(new AgentProfile(id, "Bench agent " + i, "bench", "", "", "", "", Set.of(), null,
                    "queue-bench", null), "bench");
            tokens.put(id, ws.tokens().issue(id, Duration.ofHours(1), "bench").token());
        }
        gateway = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
        gateway.start();
        window = Shell.build(context, () -> { });
        if (Boolean.getBoolean("harness.queueOnly")) {
            QueueViewModel model = new QueueViewModel(context);
            FxTestSupport.show(stage, new QueueView(model));
        } else {
            FxTestSupport.show(stage, window);
            window.select(QueueScreen.TITLE);
        }
    }

    @AfterEach
    void close() {
        gateway.stop();
        window.shutdown();
        FxTestSupport.close(context);
    }

    @Test
    void measure(FxRobot robot) throws Exception {
        TableView<QueueRow> table = robot.lookup("#queue-table").queryTableView();
        warmUp(table);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<String> joined = new ArrayList<>(); // FX thread: rows in the table, waiting for a pulse
        Map<String, Long> onScreen = new ConcurrentHashMap<>(); // session -> sent to on screen, first time
        robot.interact(() -> {
            // newest first: every arrival becomes the top row, in view (and every visible row moves down)
            table.getSortOrder().setAll(table.getColumns().stream().filter(c -> c.getText().equals("Age")).toList());
            table.getItems().addListener((ListChangeListener<QueueRow>) c -> {
                while (c.next()) {
                    for (QueueRow row : c.getAddedSubList()) {
                        joined.add(row.item().sessionId());
                    }
                }
            });
            stage.getScene().addPostLayoutPulseListener(() -> {
                long now = System.nanoTime();
                for (String session : joined) {
                    Long sent = sentAt.get(session);
                    if (sent != null) {
                        onScreen.putIfAbsent(session, now - sent);
                    }
                }
                joined.clear();
            });
        });

        List<Long> fxDelay = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        timers.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> fxDelay.add(System.nanoTime() - posted));
        }, 0, 50, TimeUnit.MILLISECONDS);

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        String pressureBefore = pressure();
        List<String> agents = List.copyOf(tokens.keySet());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = RATE * SECONDS;
        long start = System.nanoTime();
        var sender = timers.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            String agent = agents.get(n % agents.size());
            String session = "sess_" + n;
            String body = "{\"agent_id\":\"" + agent + "\",\"session_id\":\"" + session
                    + "\",\"action\":\"approve:invoice\",\"input_summary\":\"Invoice " + n + "\",\"confidence\":0.9,"
                    + "\"context\":{\"amount_usd\":" + (100 + n) + "}}";
            sentAt.put(session, System.nanoTime());
            http.sendAsync(HttpRequest.newBuilder(uri("/v1/actions")).header("Authorization", "Bearer "
                                    + tokens.get(agent)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200 || !r.body().contains("\"pending\"")) {
                            failed.incrementAndGet();
                        }
                    });
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        await(SECONDS + 30, () -> onScreen.size() + failed.get() >= total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        String pressureAfter = pressure();
        sender.cancel(false);
        timers.shutdownNow();

        var reader = context.workspace().auditReader();
        String afterLoad = String.format(Locale.ROOT, "after the load: %,d pending in core, %,d rows in the table; "
                        + "ledger: %d approved, %d denied, %d timed out%n", context.workspace().queue().pending().size(),
                table.getItems().size(),
                reader.count(new dev.arbiter.core.audit.AuditQuery(null, null, null, "review.approved", null)),
                reader.count(new dev.arbiter.core.audit.AuditQuery(null, null, null, "review.denied", null)),
                reader.count(new dev.arbiter.core.audit.AuditQuery(null, null, null, "review.timed_out", null)));
        List<Long> clicks = clickToPoll(robot, table);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Queue latency on %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name")));
        report.append(String.format(Locale.ROOT, "Load: %,d gated actions over HTTP at %d/s from %d agents "
                + "(%.1f s), %d failed; table ended with %,d rows%n", total, RATE, AGENTS, elapsed, failed.get(),
                table.getItems().size()));
        report.append(String.format(Locale.ROOT, "This JVM (gateway, clients, desktop) used %.1f s of CPU in %.1f s "
                + "(%.0f%% of one core); machine load average %s; CPU pressure before/after: %s / %s%n", cpu, elapsed,
                100 * cpu / elapsed, Files.readString(Path.of("/proc/loadavg")).strip(), pressureBefore,
                pressureAfter));
        report.append(afterLoad);
        report.append("Sent -> row on screen (first layout pulse after it joined the table): ")
                .append(summary(new ArrayList<>(onScreen.values()))).append('\n');
        report.append("FX thread responsiveness during the load (runLater posted every 50 ms -> run): ")
                .append(summary(fxDelay)).append('\n');
        report.append("Enter in the approve dialog -> agent's long poll answered (" + CLICKS + " approvals): ")
                .append(summary(clicks)).append('\n');
        Files.writeString(Path.of("target", "queue-latency.txt"), report);
        new PrintWriter(System.out, true).print(report);
        System.out.flush();
        assertThat(onScreen).hasSize(total - failed.get());
        assertThat(afterLoad).startsWith(String.format(Locale.ROOT, "after the load: %,d pending", total));
    }

    /**
     * The same load for {@value #WARM_UP_SECONDS} s, unmeasured, so that the figures are those of a
     * running application rather than of a JVM still compiling its hot paths; then the kill switch
     * clears the queue (and is released) so that the measured run starts from an empty table.
     */
    private void warmUp(TableView<QueueRow> table) throws Exception {
        List<String> agents = List.copyOf(tokens.keySet());
        List<CompletableFuture<?>> asked = new ArrayList<>();
        long end = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        for (int n = 0; System.nanoTime() < end; n++) {
            String agent = agents.get(n % agents.size());
            asked.add(http.sendAsync(HttpRequest.newBuilder(uri("/v1/actions")).header("Authorization", "Bearer "
                            + tokens.get(agent)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\":\"" + agent
                            + "\",\"session_id\":\"warm_" + n + "\",\"action\":\"approve:invoice\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()));
            Thread.sleep(1000 / RATE);
        }
        CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        var killSwitch = context.workspace().killSwitch();
        killSwitch.engage(null, "harness warm-up over", "bench");
        killSwitch.release(null, "measuring", "bench");
        waitFor(() -> table.getItems().isEmpty());
    }

    /** A waiting agent, A then Enter on its row: how long until its long poll answers. */
    private List<Long> clickToPoll(FxRobot robot, TableView<QueueRow> table) throws Exception {
        List<Long> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        robot.interact(() -> {
            table.getSortOrder().clear();
            table.getSelectionModel().clearAndSelect(0);
            table.requestFocus();
        });
        for (int i = 0; i < CLICKS; i++) {
            QueueRow row = table.getSelectionModel().getSelectedItem();
            long[] answered = new long[1];
            CompletableFuture<Void> poll = http.sendAsync(HttpRequest.newBuilder(uri("/v1/actions/" + row.traceId()
                                    + "?wait=30")).header("Authorization", "Bearer " + tokens.get(row.item().agentId()))
                            .GET().build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        answered[0] = System.nanoTime();
                        try {
                            assertThat(json.readTree(r.body()).path("decision").asText()).isEqualTo("allow");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            Thread.sleep(300); // the poll is waiting on the server
            robot.targetWindow(stage);
            robot.type(KeyCode.A);
            robot.targetWindow(robot.lookup("#review-note").query().getScene().getWindow());
            long enter = System.nanoTime();
            robot.type(KeyCode.ENTER);
            poll.get(60, TimeUnit.SECONDS);
            out.add(answered[0] - enter);
            waitFor(() -> table.getSelectionModel().getSelectedItem() != null
                    && table.getSelectionModel().getSelectedItem() != row);
        }
        return out;
    }

    private static void await(int seconds, java.util.function.BooleanSupplier condition) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    /** The kernel's "some" CPU pressure (share of time a task waited for a CPU), when it reports one. */
    private static String pressure() {
        try {
            return Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
                ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
