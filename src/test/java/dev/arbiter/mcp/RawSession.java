package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that writes raw lines to a {@link StdioProxy} running in this
 * process (in front of a real server process), for what no well-behaved
 * client sends: broken JSON, batches, unknown methods.
 */
final class RawSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream toProxy;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Thread proxyThread;
    private volatile Throwable failure;

    RawSession(Workspace workspace, String agentId, McpProxy.Limits limits, List<String> server) throws IOException {
        // NIO pipes, not Piped*Stream: those break when the thread that last wrote ends
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        toProxy = Channels.newOutputStream(in.sink());
        InputStream proxyIn = Channels.newInputStream(in.source());
        OutputStream proxyOut = Channels.newOutputStream(out.sink());
        InputStream fromProxy = Channels.newInputStream(out.source());
        proxyThread = new Thread(() -> {
            try {
                new StdioProxy(workspace, agentId, limits).run(server, proxyIn, proxyOut);
            } catch (Throwable e) {
                failure = e;
            } finally {
                try {
                    proxyOut.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        }, "raw-session-proxy");
        proxyThread.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromProxy, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    received.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                // the proxy closed its end
            }
        }, "raw-session-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) throws IOException {
        toProxy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toProxy.flush();
    }

    void initialize(String protocolVersion) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        JsonNode answer = response("\"init\"", Duration.ofSeconds(60));
        if (!answer.has("result")) {
            throw new IllegalStateException("initialize failed: " + answer);
        }
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The next message answering {@code idJson} (its JSON text: {@code 7} or {@code "a"}); others are kept aside. */
    JsonNode response(String idJson, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<JsonNode> aside = new java.util.ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no answer to id " + idJson + " within " + within + "; got " + aside);
                }
                if (next.has("id") && next.get("id").toString().equals(idJson)
                        && (next.has("result") || next.has("error"))) {
                    return next;
                }
                aside.add(next);
            }
        } finally {
            received.addAll(aside);
        }
    }

    /** Every message received so far that is a notification with {@code method}. */
    List<JsonNode> notifications(String method) {
        return received.stream().filter(m -> method.equals(m.path("method").asText())).toList();
    }

    /** The client hangs up (stdin closes) and the proxy winds down. */
    @Override
    public void close() throws Exception {
        toProxy.close();
        proxyThread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
            throw new AssertionError("the proxy failed", failure);
        }
    }
}
