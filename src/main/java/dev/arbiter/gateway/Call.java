package dev.arbiter.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request being answered: reads its body within the size limit and
 * sends exactly one reply, now or later (a decision is answered once the
 * ledger has it, a long poll once a reviewer decides). Reports its end to the
 * server, which waits for open calls on shutdown.
 */
final class Call {

    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    static final int MAX_BODY = 64 * 1024;
    /** Past this, an oversized body is not read to the end: the connection is closed instead. */
    private static final int MAX_DRAIN = 1024 * 1024;

    private final HttpExchange exchange;
    private final IntConsumer onEnd;
    private final AtomicBoolean replied = new AtomicBoolean();

    Call(HttpExchange exchange, IntConsumer onEnd) {
        this.exchange = exchange;
        this.onEnd = onEnd;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    String query() {
        return exchange.getRequestURI().getRawQuery();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Where the request came from, for the audit of refused ones. */
    String source() {
        return exchange.getRemoteAddress() == null ? "unknown" : exchange.getRemoteAddress().getAddress()
                .getHostAddress() + " " + method() + " " + path();
    }

    /** Checks the content type is JSON in UTF-8 (415 otherwise). */
    void requireJson() {
        String type = header("Content-Type");
        if (type == null) {
            throw ApiError.unsupportedMediaType("send Content-Type: application/json");
        }
        String[] parts = type.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            throw ApiError.unsupportedMediaType("Content-Type " + type.strip() + " is not supported; send "
                    + "application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw ApiError.unsupportedMediaType("only UTF-8 JSON is accepted, not " + p.substring(8));
            }
        }
    }

    /** The request body, at most 64 KiB (413 beyond). */
    byte[] body() {
        String length = header("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ApiError.malformed("Content-Length is not a number");
            }
            if (declared > MAX_BODY) {
                drain(declared);
                throw tooLarge();
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declared >= 0) {
                byte[] body = new byte[(int) declared];
                if (in.readNBytes(body, 0, body.length) < body.length) {
                    throw new ClientGone(new IOException("the body ended early"));
                }
                return body;
            }
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                drain(MAX_DRAIN);
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            // the client went away or was too slow (the server's request timeout closed the connection)
            throw new ClientGone(e);
        }
    }

    private static ApiError tooLarge() {
        return ApiError.tooLarge("the body is larger than 64 KiB");
    }

    /**
     * Reads what the client is still sending, so it gets the 413 instead of a
     * reset connection. (A read loop: the server's request stream skips only
     * what it has buffered.)
     */
    private void drain(long declared) {
        if (declared > MAX_DRAIN) {
            exchange.getResponseHeaders().set("Connection", "close");
            return;
        }
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        try {
            InputStream in = exchange.getRequestBody();
            int n;
            while (total < MAX_DRAIN && (n = in.read(sink)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            LOG.debug("drain failed: {}", e.getMessage());
        }
    }

    void reply(int status, byte[] json) {
        if (!replied.compareAndSet(false, true)) {
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (IOException e) {
            LOG.debug("Reply {} to {} not delivered: {}", status, path(), e.getMessage());
        } finally {
            exchange.close();
            onEnd.accept(status);
        }
    }

    void reply(ApiError error) {
        reply(error.status(), ActionJson.error(error));
    }

    /** Closes without an answer (the client is gone). */
    void abandon() {
        if (replied.compareAndSet(false, true)) {
            exchange.close();
            onEnd.accept(0);
        }
    }

    /** The client disconnected or timed out while sending; there is nobody to answer. */
    static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
