package dev.arbiter.gateway;

import dev.arbiter.mcp.McpHttpSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code arbiter mcp proxy --upstream URL --port N}: MCP's
 * Streamable HTTP transport (MCP 2025-11-25 "Transports") at {@code /mcp},
 * for clients that connect to Arbiter in place of the upstream server.
 * POST carries one JSON-RPC message; a request is answered with an SSE
 * stream (progress while a call waits for a reviewer, then the answer),
 * anything else with 202. DELETE ends the session. GET opens the session's
 * stream of server-initiated messages (numbered events; {@code Last-Event-ID}
 * resumes), one per session.
 *
 * <p>Safety as for {@code arbiter serve} (issue 13 §2): loopback by default,
 * another address only with TLS ({@code --tls-cert/--tls-key}) or
 * {@code --insecure-no-tls}, and there every request needs the agent's API
 * token ({@code Authorization: Bearer}, as {@code /v1/actions}); the {@code Host} must name this server and an
 * {@code Origin}, when a browser sends one, must be this server's own
 * (DNS rebinding, which the MCP transport says servers must prevent) — else
 * 403. Bodies over the frame limit get 413; a stream whose client went away
 * withdraws its held call.
 *
 * <p>Memory and threads are bounded whatever the callers do: bodies are read
 * without holding a thread while their bytes trickle in, every body held
 * (read, or waiting for its answer) counts against one {@link BodyBudget} of
 * {@value #BODY_BUDGET} bytes, and a body that would exceed it is answered
 * 503 with {@code Connection: close}; a body not complete within
 * {@value #BODY_SECONDS} s gets 408, a connection silent for the idle timeout
 * is closed, and work waiting for one of the {@value #THREADS} threads queues
 * in a bounded queue ({@value #QUEUED} jobs).
 */
public final class McpHttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpFront.class);
    public static final String PATH = "/mcp";
    /** Largest POST body accepted, in bytes (as the stdio frame limit). */
    static final int MAX_BODY = 32 * 1024 * 1024;
    /** Threads: each open stream holds one while it waits (requests in flight are bounded per session). */
    static final int THREADS = 512;
    /** Bytes of large bodies held at once by all requests (two largest bodies); small ones have more. */
    public static final long BODY_BUDGET = 2L * MAX_BODY;
    /** Seconds a body may take to arrive in full. */
    static final int BODY_SECONDS = 60;
    /** Jobs waiting for a thread at most; beyond, Jetty refuses the connection. */
    static final int QUEUED = 4096;
    /** Least idle timeout of a connection; streams write a keep-alive comment well within it. */
    static final long IDLE_MILLIS = 30_000;

    /** Bytes of the budget only bodies of at most {@value #SMALL_BODY} bytes may use: ordinary calls get through a flood of large bodies. */
    public static final long SMALL_HEADROOM = 8 * 1024 * 1024;
    static final long SMALL_BODY = 1024 * 1024;

    private final BodyBudget budget = new BodyBudget(BODY_BUDGET + SMALL_HEADROOM, SMALL_HEADROOM, SMALL_BODY);

    private final McpHttpSessions sessions;
    private final GatewayConfig config;
    private Server server;
    private ServerConnector connector;

    /** @param config bind address, port (0 = any free), TLS files and {@code --insecure-no-tls}, as for serve */
    public McpHttpFront(McpHttpSessions sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * Binds and serves. Fails with {@link IllegalStateException} saying what
     * to do when the port is taken, the address unknown, or a non-loopback
     * address is asked for without TLS or {@code --insecure-no-tls}.
     */
    public synchronized void start() {
        config.requireSafeTransport();
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 4, 60_000,
                new org.eclipse.jetty.util.BlockingArrayQueue<>(64, 64, QUEUED));
        pool.setName("arbiter-mcp-http");
        pool.setDaemon(true);
        Server jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(GatewayServer.MAX_HEADER_BYTES);
        http.setHttpCompliance(org.eclipse.jetty.http.HttpCompliance.RFC9110);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        ServerConnector c;
        if (config.tls() != null) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            c = new ServerConnector(jetty, 1, 1, new SslConnectionFactory(PemTls.contextFactory(config.tls()),
                    plain.getProtocol()), plain);
        } else {
            c = new ServerConnector(jetty, 1, 1, plain);
        }
        c.setHost(config.bind());
        c.setPort(config.port());
        // streams of held calls stay open for as long as a reviewer takes: their keep-alive comments are
        // traffic, so only a connection that sends and receives nothing (a stalled body) times out
        c.setIdleTimeout(Math.max(IDLE_MILLIS, 3 * sessions.keepAlive().toMillis()));
        http.setIdleTimeout(c.getIdleTimeout());
        // every byte resets the idle timeout, so headers trickled a byte at a time need a deadline of their own
        c.addBean(new HeaderDeadline(c.getScheduler(), GatewayServer.HEADER_PERIOD_MILLIS));
        jetty.addConnector(c);
        try {
            c.open();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot listen on " + config.bind() + ":" + config.port()
                    + (e instanceof BindException || e.getCause() instanceof BindException
                    ? ": the port is in use; choose another with --port" : ": " + e.getMessage()) + ".");
        }
        CallerCheck callers = new CallerCheck(config.bind(), c.getLocalPort(), config.tls() != null,
                config.hostNames());
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(callers, request, response, callback);
                return true;
            }
        });
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the MCP proxy on " + config.bind() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        server = jetty;
        connector = c;
        LOG.info("MCP proxy listening on {}", url());
    }

    /** Where clients connect, e.g. {@code http://127.0.0.1:8766/mcp}. */
    public URI url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return URI.create((config.tls() != null ? "https" : "http") + "://" + host + ":" + connector.getLocalPort()
                + PATH);
    }

    private void serve(CallerCheck callers, Request request, Response response, Callback callback) {
        try {
            String host = request.getHeaders().get(HttpHeader.HOST);
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            // a browser sends each once: a second one must not hide behind a first that passes
            boolean twice = request.getHeaders().getValuesList(HttpHeader.HOST).size() > 1
                    || request.getHeaders().getValuesList(HttpHeader.ORIGIN).size() > 1;
            if (twice || callers.refusal(host, null) != null || (origin != null && !callers.ownOrigin(origin))) {
                // refused before its body was read: the connection closes, so no client sends on after it
                refuse(response, callback, 403, "Forbidden: " + (origin != null ? "Origin " + origin
                        : "Host " + host) + " is not this MCP proxy (DNS rebinding protection)");
                return;
            }
            if (!config.isLoopback()) {
                String refused = sessions.tokenRefusal(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                if (refused != null) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    refuse(response, callback, 401, "Unauthorized: " + refused);
                    return;
                }
            }
            if (!Request.getPathInContext(request).equals(PATH)) {
                refuse(response, callback, 404, "Not found: the MCP endpoint is " + PATH);
                return;
            }
            String session = request.getHeaders().get(McpHttpSessions.SESSION_HEADER);
            switch (request.getMethod()) {
                case "POST" -> post(request, response, callback, session);
                case "GET" -> {
                    McpHttpSessions.Posted listening = sessions.listen(session,
                            request.getHeaders().get("Last-Event-ID"));
                    if (listening instanceof McpHttpSessions.Refused refused) {
                        refused(response, callback, refused);
                    } else {
                        stream(response, callback, (McpHttpSessions.Streaming) listening);
                    }
                }
                case "DELETE" -> {
                    response.setStatus(sessions.end(session) ? 204 : 404);
                    callback.succeeded();
                }
                default -> {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
                    refuse(response, callback, 405, "Method not allowed: POST messages to " + PATH
                            + ", GET its stream of server messages, DELETE to end the session");
                }
            }
        } catch (RuntimeException e) {
            LOG.error("MCP HTTP request failed", e);
            if (!response.isCommitted()) {
                refuse(response, callback, 500, "Arbiter could not handle this request; see the Arbiter log");
            } else {
                callback.failed(e);
            }
        }
    }

    /**
     * Reads the body without holding a thread while it arrives, against the byte budget, then hands it on.
     * The budget is given back when the request is answered (its held call's message lives until then).
     */
    private void post(Request request, Response response, Callback callback, String session) {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            refuse(response, callback, 413, "message of " + declared + " bytes is larger than the " + MAX_BODY
                    + " bytes Arbiter accepts; it was dropped, not forwarded");
            return;
        }
        BodyBudget.Lease lease = budget.lease();
        Callback done = Callback.from(callback, lease::close);
        if (declared > 0 && !lease.grow(declared, declared)) {
            busy(response, done);
            return;
        }
        new BodyRead(request, response, done, session, lease, declared, System.nanoTime()).run();
    }

    /** One body being read chunk by chunk; each time no bytes are there it asks to be called again. */
    private final class BodyRead implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String session;
        private final BodyBudget.Lease lease;
        private final long reserved;
        private final long startNanos;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

        BodyRead(Request request, Response response, Callback callback, String session, BodyBudget.Lease lease,
                 long reserved, long startNanos) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.session = session;
            this.lease = lease;
            this.reserved = Math.max(0, reserved);
            this.startNanos = startNanos;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        LOG.info("MCP client's message did not arrive: {}", chunk.getFailure().getMessage());
                        callback.failed(chunk.getFailure());
                        return;
                    }
                    java.nio.ByteBuffer bytes = chunk.getByteBuffer();
                    int n = bytes.remaining();
                    boolean last = chunk.isLast();
                    if (body.size() + (long) n > MAX_BODY) {
                        chunk.release();
                        refuse(response, callback, 413, "message larger than " + MAX_BODY + " bytes; it was "
                                + "dropped, not forwarded");
                        return;
                    }
                    long size = body.size() + (long) n;
                    if (size > reserved && !lease.grow(size - Math.max(reserved, body.size()), size)) {
                        chunk.release();
                        busy(response, callback);
                        return;
                    }
                    byte[] copy = new byte[n];
                    bytes.get(copy);
                    chunk.release();
                    body.write(copy, 0, n);
                    if (last) {
                        handOn(request, response, callback, session, body.toByteArray());
                        return;
                    }
                    if (System.nanoTime() - startNanos > java.util.concurrent.TimeUnit.SECONDS.toNanos(BODY_SECONDS)) {
                        refuse(response, callback, 408, "the message did not arrive within " + BODY_SECONDS
                                + " s; it was dropped, not forwarded");
                        return;
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("MCP HTTP request failed", e);
                if (!response.isCommitted()) {
                    refuse(response, callback, 500, "Arbiter could not handle this request; see the Arbiter log");
                } else {
                    callback.failed(e);
                }
            }
        }
    }

    private void handOn(Request request, Response response, Callback callback, String session, byte[] body) {
        McpHttpSessions.Posted posted = sessions.post(session,
                request.getHeaders().get(McpHttpSessions.VERSION_HEADER), body);
        if (posted instanceof McpHttpSessions.Refused refused) {
            refused(response, callback, refused);
        } else if (posted instanceof McpHttpSessions.Accepted) {
            response.setStatus(202);
            callback.succeeded();
        } else if (posted instanceof McpHttpSessions.Streaming streaming) {
            stream(response, callback, streaming);
        }
    }

    /** The sessions' refusal, with {@code Retry-After} when trying again later may succeed. */
    private static void refused(Response response, Callback callback, McpHttpSessions.Refused refused) {
        if (refused.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(refused.retryAfterSeconds()));
        }
        reply(response, callback, refused.status(), refused.body());
    }

    /** The budget is spent: refuse at once and close, so the unread rest of the body is never read. */
    private void busy(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        refuse(response, callback, 503, "Arbiter is holding as many bytes of messages as it allows; retry "
                + "shortly. This one was not read or forwarded");
    }

    /** An answer after which the connection closes: the rest of a body we did not read must not be parsed. */
    private static void refuse(Response response, Callback callback, int status, String message) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        reply(response, callback, status, error(message));
    }

    /** Writes the request's messages as SSE events until its answer; a comment when quiet finds a client gone. */
    private void stream(Response response, Callback callback, McpHttpSessions.Streaming streaming) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (streaming.newSession() != null) {
            response.getHeaders().put(McpHttpSessions.SESSION_HEADER, streaming.newSession());
        }
        McpHttpSessions.Outgoing stream = streaming.stream();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush(); // the headers now: a GET stream may be quiet for long
            while (!stream.finished()) {
                McpHttpSessions.SseEvent event = stream.next(sessions.keepAlive());
                if (event == null) {
                    if (!stream.finished()) {
                        out.write(": waiting\n\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    continue;
                }
                if (event.id() != null) {
                    out.write(("id: " + event.id() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("event: message\ndata: ".getBytes(StandardCharsets.US_ASCII));
                out.write(event.data());
                out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            LOG.info("MCP client left before its answer: {}", e.getMessage());
            stream.abandoned();
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.abandoned();
            callback.failed(e);
        } finally {
            stream.close();
        }
    }

    private static byte[] error(String message) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(message))
                + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
    }

    /** Bytes of request bodies held now, at most {@link #BODY_BUDGET} + {@link #SMALL_HEADROOM}. */
    public long bodyBytesHeld() {
        return budget.used();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("MCP proxy did not stop cleanly: {}", e.getMessage());
            }
            server = null;
        }
    }
}
