package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's side of an MCP Streamable HTTP connection to the upstream
 * server (MCP 2025-11-25 "Transports"): each message is POSTed to the
 * server's endpoint; a request's answer comes back as a JSON body or an SSE
 * stream of messages ending with it. Carries the server's
 * {@code Mcp-Session-Id} and the negotiated {@code MCP-Protocol-Version} on
 * every later request, and ends the session with DELETE.
 *
 * <p>Bounded: a body or SSE event larger than {@link FrameReader#MAX_FRAME_BYTES}
 * is dropped, never buffered whole; requests in flight are bounded by
 * {@link McpProxy#MAX_IN_FLIGHT}. When the server cannot be reached or answers
 * a request with an HTTP error, the request is answered with a JSON-RPC error
 * naming the server, so the client never waits in vain; the server not
 * answering at all is the proxy's upstream timeout.
 *
 * <p>Once the session is initialized, it also listens on the server's GET
 * stream for messages not tied to a request ({@code notifications/tools/list_changed}
 * above all, which makes the proxy re-read and re-fingerprint the tools),
 * reconnecting with {@code Last-Event-ID} after a break, waiting 1 s doubling
 * to 30 s between attempts and giving up after {@value #LISTEN_ATTEMPTS}
 * failures in a row; a server that offers no GET stream (405) is not asked again.
 */
final class HttpUpstream implements Wire, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpUpstream.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final URI url;
    private final HttpClient http;
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "arbiter-mcp-upstream");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<byte[]> fromServer = frame -> { };
    private volatile Supplier<String> protocolVersion = () -> null;
    private volatile String sessionId;
    private volatile boolean closed;
    /** Failed attempts in a row after which the proxy stops listening on the server's GET stream. */
    static final int LISTEN_ATTEMPTS = 10;
    private volatile String lastEventId;
    private volatile InputStream listenBody;

    HttpUpstream(URI url, Duration connectTimeout) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Where the server's messages go, and where the negotiated version is read. */
    void attach(Consumer<byte[]> fromServer, Supplier<String> protocolVersion) {
        this.fromServer = fromServer;
        this.protocolVersion = protocolVersion;
    }

    @Override
    public boolean send(byte[] message) {
        if (closed) {
            return false;
        }
        JsonRpc.Message parsed = JsonRpc.read(message);
        JsonNode id = parsed instanceof JsonRpc.Request request ? request.id() : null;
        HttpRequest.Builder post = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(message))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        String session = sessionId;
        if (session != null) {
            post.header(SESSION_HEADER, session);
        }
        String version = protocolVersion.get();
        if (version != null) {
            post.header(VERSION_HEADER, version);
        }
        boolean initialized = parsed instanceof JsonRpc.Notification n && n.method().equals(McpMethods.INITIALIZED);
        http.sendAsync(post.build(), HttpResponse.BodyHandlers.ofInputStream())
                .whenCompleteAsync((response, failure) -> {
                    answered(id, response, failure);
                    if (initialized && failure == null) {
                        listen();
                    }
                }, readers);
        return true;
    }

    /** Reads the server's GET stream until the session ends (runs on a reader thread of its own). */
    private void listen() {
        int failures = 0;
        while (!closed && failures < LISTEN_ATTEMPTS) {
            HttpRequest.Builder get = HttpRequest.newBuilder(url).GET().header("Accept", "text/event-stream");
            String session = sessionId;
            if (session != null) {
                get.header(SESSION_HEADER, session);
            }
            String version = protocolVersion.get();
            if (version != null) {
                get.header(VERSION_HEADER, version);
            }
            String resume = lastEventId;
            if (resume != null) {
                get.header("Last-Event-ID", resume);
            }
            try {
                HttpResponse<InputStream> response = http.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    listenBody = body;
                    String type = response.headers().firstValue("Content-Type").orElse("")
                            .toLowerCase(Locale.ROOT);
                    if (response.statusCode() == 405) {
                        LOG.info("MCP server {} offers no GET stream; its notifications come with answers only", url);
                        return;
                    }
                    if (response.statusCode() == 200 && type.startsWith("text/event-stream")) {
                        failures = 0;
                        events(body, null, true);
                    } else {
                        failures++;
                        LOG.info("MCP server {} refused its GET stream: HTTP {}", url, response.statusCode());
                    }
                }
            } catch (IOException e) {
                failures++;
                LOG.debug("GET stream of MCP server {} broke: {}", url, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(Math.min(30_000L, 1_000L << Math.min(failures, 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void answered(JsonNode id, HttpResponse<InputStream> response, Throwable failure) {
        if (failure != null) {
            LOG.warn("MCP server {} not reached: {}", url, failure.getMessage());
            fail(id, "the MCP server behind Arbiter (" + url + ") could not be reached: " + rootMessage(failure)
                    + "; nothing was run there");
            return;
        }
        try (InputStream body = response.body()) {
            response.headers().firstValue(SESSION_HEADER).ifPresent(s -> sessionId = s);
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (status == 202 || status == 204) {
                return;
            }
            if (status >= 200 && status < 300 && type.startsWith("text/event-stream")) {
                boolean answeredId = events(body, id, false);
                if (!answeredId && id != null) {
                    fail(id, "the MCP server behind Arbiter (" + url + ") closed its event stream without answering");
                }
                return;
            }
            byte[] bytes = body.readNBytes(FrameReader.MAX_FRAME_BYTES + 1);
            if (status >= 200 && status < 300 && bytes.length <= FrameReader.MAX_FRAME_BYTES) {
                fromServer.accept(bytes);
                return;
            }
            LOG.warn("MCP server {} answered HTTP {}: {}", url, status,
                    new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8));
            if (status == 404 && sessionId != null) {
                fail(id, "the MCP server behind Arbiter (" + url + ") no longer knows this session (HTTP 404); "
                        + "reconnect the MCP client to start a new one");
            } else if (JsonRpc.read(bytes) instanceof JsonRpc.Response answer && id != null
                    && JsonRpc.key(answer.id()).equals(JsonRpc.key(id))) {
                fromServer.accept(bytes); // an error the server phrased itself
            } else {
                fail(id, "the MCP server behind Arbiter (" + url + ") answered HTTP " + status
                        + (bytes.length > FrameReader.MAX_FRAME_BYTES ? " with a body over the size limit" : ""));
            }
        } catch (IOException e) {
            LOG.warn("Reading the MCP server {} failed: {}", url, e.getMessage());
            fail(id, "the connection to the MCP server behind Arbiter (" + url + ") broke: " + e.getMessage());
        }
    }

    /** Passes each SSE event's data on as one message; true when one of them answered {@code id}. */
    private boolean events(InputStream body, JsonNode id, boolean rememberIds) throws IOException {
        FrameReader lines = new FrameReader(body);
        StringBuilder data = new StringBuilder();
        boolean tooLong = false;
        boolean answeredId = false;
        String key = id == null ? null : JsonRpc.key(id);
        while (true) {
            FrameReader.Read read = lines.nextLine();
            if (read instanceof FrameReader.TooLong) {
                tooLong = true;
                continue;
            }
            boolean end = read instanceof FrameReader.End;
            String line = end ? "" : new String(((FrameReader.Frame) read).bytes(), StandardCharsets.UTF_8);
            if (line.isEmpty()) { // the event is complete
                if (tooLong) {
                    LOG.warn("The MCP server {} sent an event over the size limit; dropped", url);
                } else if (!data.isEmpty()) {
                    byte[] message = data.toString().getBytes(StandardCharsets.UTF_8);
                    if (key != null && JsonRpc.read(message) instanceof JsonRpc.Response r
                            && JsonRpc.key(r.id()).equals(key)) {
                        answeredId = true;
                    }
                    fromServer.accept(message);
                }
                data.setLength(0);
                tooLong = false;
                if (end) {
                    return answeredId;
                }
            } else if (line.startsWith("data:")) {
                if (data.length() + line.length() > FrameReader.MAX_FRAME_BYTES) {
                    tooLong = true;
                    data.setLength(0);
                } else if (!tooLong) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                }
            } else if (rememberIds && line.startsWith("id:") && line.length() <= 200) {
                lastEventId = line.substring(line.startsWith("id: ") ? 4 : 3).strip(); // to resume the GET stream
            } // event:, retry: and comments carry nothing the proxy needs
        }
    }

    private void fail(JsonNode id, String why) {
        if (id != null && !closed) {
            fromServer.accept(JsonRpc.error(id, JsonRpc.UPSTREAM_GONE, why));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Ends the server's session (DELETE, best effort) and stops reading. */
    @Override
    public void close() {
        closed = true;
        String session = sessionId;
        if (session != null) {
            http.sendAsync(HttpRequest.newBuilder(url).DELETE().header(SESSION_HEADER, session)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        }
        readers.shutdownNow();
        InputStream listening = listenBody;
        if (listening != null) {
            try {
                listening.close();
            } catch (IOException e) {
                LOG.debug("GET stream not closed cleanly: {}", e.getMessage());
            }
        }
    }
}
