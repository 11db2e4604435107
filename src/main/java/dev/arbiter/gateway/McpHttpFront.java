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
 * anything else with 202. DELETE ends the session. GET (a stream for
 * server-initiated messages) is not offered: 405, as the transport allows;
 * such messages ride on an open request's stream.
 *
 * <p>Safety as for {@code arbiter serve} (issue 13 §2): loopback by default,
 * another address only with TLS ({@code --tls-cert/--tls-key}) or
 * {@code --insecure-no-tls}, and there every request needs the agent's API
 * token ({@code Authorization: Bearer}, as {@code /v1/actions}); the {@code Host} must name this server and an
 * {@code Origin}, when a browser sends one, must be this server's own
 * (DNS rebinding, which the MCP transport says servers must prevent) — else
 * 403. Bodies over the frame limit get 413; a stream whose client went away
 * withdraws its held call.
 */
public final class McpHttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpFront.class);
    public static final String PATH = "/mcp";
    /** Largest POST body accepted, in bytes (as the stdio frame limit). */
    static final int MAX_BODY = 32 * 1024 * 1024;
    /** Threads: each open stream holds one while it waits (requests in flight are bounded per session). */
    static final int THREADS = 512;

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
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 4);
        pool.setName("arbiter-mcp-http");
        pool.setDaemon(true);
        Server jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
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
        c.setIdleTimeout(0); // streams of held calls stay open for as long as a reviewer takes; keep-alives find the dead
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
            if (callers.refusal(host, null) != null || (origin != null && !ownOrigin(callers, origin))) {
                reply(response, callback, 403, error("Forbidden: " + (origin != null ? "Origin " + origin
                        : "Host " + host) + " is not this MCP proxy (DNS rebinding protection)"));
                return;
            }
            if (!config.isLoopback()) {
                String refused = sessions.tokenRefusal(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                if (refused != null) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    reply(response, callback, 401, error("Unauthorized: " + refused));
                    return;
                }
            }
            if (!Request.getPathInContext(request).equals(PATH)) {
                reply(response, callback, 404, error("Not found: the MCP endpoint is " + PATH));
                return;
            }
            String session = request.getHeaders().get(McpHttpSessions.SESSION_HEADER);
            switch (request.getMethod()) {
                case "POST" -> post(request, response, callback, session);
                case "DELETE" -> {
                    response.setStatus(sessions.end(session) ? 204 : 404);
                    callback.succeeded();
                }
                default -> {
                    response.getHeaders().put(HttpHeader.ALLOW, "POST, DELETE");
                    reply(response, callback, 405, error("Method not allowed: POST messages to " + PATH
                            + " (this proxy offers no GET stream)"));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("MCP HTTP request failed", e);
            if (!response.isCommitted()) {
                reply(response, callback, 500, error("Arbiter could not handle this request; see the Arbiter log"));
            } else {
                callback.failed(e);
            }
        }
    }

    private void post(Request request, Response response, Callback callback, String session) {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        if (body.length > MAX_BODY) {
            reply(response, callback, 413, error("message larger than " + MAX_BODY + " bytes; it was dropped, "
                    + "not forwarded"));
            return;
        }
        McpHttpSessions.Posted posted = sessions.post(session,
                request.getHeaders().get(McpHttpSessions.VERSION_HEADER), body);
        if (posted instanceof McpHttpSessions.Refused refused) {
            reply(response, callback, refused.status(), refused.body());
        } else if (posted instanceof McpHttpSessions.Accepted) {
            response.setStatus(202);
            callback.succeeded();
        } else if (posted instanceof McpHttpSessions.Streaming streaming) {
            stream(response, callback, streaming);
        }
    }

    /** Writes the request's messages as SSE events until its answer; a comment when quiet finds a client gone. */
    private void stream(Response response, Callback callback, McpHttpSessions.Streaming streaming) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (streaming.newSession() != null) {
            response.getHeaders().put(McpHttpSessions.SESSION_HEADER, streaming.newSession());
        }
        McpHttpSessions.Stream stream = streaming.stream();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            while (!stream.finished()) {
                byte[] message = stream.next(sessions.keepAlive());
                if (message == null) {
                    if (!stream.finished()) {
                        out.write(": waiting\n\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    continue;
                }
                out.write("event: message\ndata: ".getBytes(StandardCharsets.US_ASCII));
                out.write(message);
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
        }
    }

    private static boolean ownOrigin(CallerCheck callers, String origin) {
        try {
            URI uri = URI.create(origin);
            return uri.getRawAuthority() != null && callers.refusal(uri.getRawAuthority(), null) == null;
        } catch (IllegalArgumentException e) {
            return false;
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
