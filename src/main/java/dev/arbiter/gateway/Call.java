package dev.arbiter.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request being answered: reads its body asynchronously within the
 * size and time limits and sends exactly one reply, now or later (a decision
 * is answered once the ledger has it, a long poll once a reviewer decides).
 * No thread is held while the body trickles in or while the answer waits.
 * Reports its end to the server, which waits for open calls on shutdown.
 */
final class Call {

    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    /** Request bodies over this are refused with 413 (gateway-api.md). */
    static final int MAX_BODY = 64 * 1024;
    static final HttpField JSON_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final IntConsumer onEnd;
    private final AtomicBoolean replied = new AtomicBoolean();
    /** Set once the body has been asked for, so a refusal knows whether it still lies unread on the socket. */
    private volatile boolean bodyTaken;

    Call(Request request, Response response, Callback callback, IntConsumer onEnd) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.onEnd = onEnd;
    }

    String method() {
        return request.getMethod();
    }

    /** The path as sent (still percent-encoded). */
    String path() {
        return request.getHttpURI().getPath();
    }

    String query() {
        return request.getHttpURI().getQuery();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The caller's IP address: the unit refusals are throttled and aggregated by. */
    String source() {
        String address = Request.getRemoteAddr(request);
        return address == null ? "unknown" : address;
    }

    /** "POST /v1/actions", for the audit of refused requests (capped there). */
    String requestLine() {
        return method() + " " + path();
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

    /**
     * The request body, at most {@value #MAX_BODY} bytes, read without holding
     * a thread. Fails with a 413 {@link ApiError} when larger (at once when
     * Content-Length says so), with a 408 when it has not arrived whole within
     * {@code timeoutSeconds}, and with {@link ClientGone} when the client left.
     */
    CompletableFuture<byte[]> body(Scheduler scheduler, int timeoutSeconds) {
        bodyTaken = true;
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        if (request.getLength() > MAX_DISCARD) {
            body.completeExceptionally(tooLarge());
            return body;
        }
        BodyReader reader = new BodyReader(body);
        Scheduler.Task deadline = scheduler.schedule(() -> body.completeExceptionally(reader.over ? tooLarge()
                : ApiError.requestTimeout("the request body did not arrive within " + timeoutSeconds + " s")),
                timeoutSeconds, TimeUnit.SECONDS);
        body.whenComplete((b, f) -> deadline.cancel());
        reader.run();
        return body;
    }

    /**
     * A body over {@link #MAX_BODY} up to this many bytes is read to its end and dropped before the 413: a reply
     * sent while the client is still sending, then the close, makes the kernel reset the connection over the
     * unread bytes, and the client may lose the answer with it (an HTTP client saw "no bytes" instead of the 413).
     * Larger bodies are refused at once; reading them is not worth the bandwidth.
     */
    static final int MAX_DISCARD = 1024 * 1024;

    /** Reads chunks as they arrive; asks to be called again (demand) instead of waiting. */
    private final class BodyReader implements Runnable {
        private final CompletableFuture<byte[]> body;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        /** Bytes of the body read so far, kept or dropped. */
        private long read;
        /** The body passed {@link #MAX_BODY}: the rest is read and dropped, and the answer is a 413. */
        volatile boolean over;

        BodyReader(CompletableFuture<byte[]> body) {
            this.body = body;
        }

        @Override
        public void run() {
            while (!body.isDone()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    body.completeExceptionally(new ClientGone(chunk.getFailure()));
                    return;
                }
                ByteBuffer data = chunk.getByteBuffer();
                read += data.remaining();
                if (read > MAX_BODY) {
                    over = true;
                    bytes.reset();
                    chunk.release();
                    if (read > MAX_DISCARD || chunk.isLast()) {
                        body.completeExceptionally(tooLarge());
                    }
                    continue;
                }
                byte[] part = new byte[data.remaining()];
                data.get(part);
                bytes.writeBytes(part);
                chunk.release();
                if (chunk.isLast()) {
                    body.complete(bytes.toByteArray());
                }
            }
        }
    }

    private static ApiError tooLarge() {
        return ApiError.tooLarge("the body is larger than 64 KiB");
    }

    /**
     * True when the request declares a body (Content-Length above 0, or chunked) that nobody has read.
     * A reply sent over such a body would leave the connection's next bytes undefined: the server
     * closes it once it finds the rest, possibly after the client has sent its next request on it.
     */
    boolean hasUnreadBody() {
        if (bodyTaken) {
            return false;
        }
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** Sends {@code json} with {@code status}; only the first reply of a call is sent. */
    void reply(int status, byte[] json) {
        reply(status, json, 0, false);
    }

    /** Sends {@code text} (UTF-8) as {@code contentType}, for protocols that are not JSON (C2SP tlog-witness). */
    void replyText(int status, String contentType, String text) {
        reply(status, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, false,
                new HttpField(HttpHeader.CONTENT_TYPE, contentType));
    }

    /** Sends {@code json} with {@code status} and a {@code Retry-After} of {@code retryAfterSeconds} (≥ 1). */
    void replyRetryAfter(int status, byte[] json, long retryAfterSeconds) {
        reply(status, json, Math.max(1, retryAfterSeconds), false);
    }

    /** Sends the error's JSON; 408 and 413 close the connection, since the body may still be arriving. */
    void reply(ApiError error) {
        reply(error, false);
    }

    /** Sends the error's JSON, closing the connection after it when {@code close} (or for 408 and 413). */
    void reply(ApiError error, boolean close) {
        int status = error.status();
        reply(status, ActionJson.error(error), error.retryAfterSeconds(),
                close || status == 408 || status == 413);
    }

    private void reply(int status, byte[] json, long retryAfter, boolean close) {
        reply(status, json, retryAfter, close, JSON_TYPE);
    }

    private void reply(int status, byte[] json, long retryAfter, boolean close, HttpField contentType) {
        if (!replied.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(contentType);
        headers.put(NO_STORE);
        headers.put(HttpHeader.CONTENT_LENGTH, json.length);
        if (retryAfter > 0) {
            headers.put(HttpHeader.RETRY_AFTER, retryAfter);
        }
        if (close) {
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(json), new Callback() {
            @Override
            public void succeeded() {
                callback.succeeded();
                onEnd.accept(status);
            }

            @Override
            public void failed(Throwable x) {
                LOG.debug("Reply {} to {} not delivered: {}", status, path(), x.getMessage());
                callback.failed(x);
                onEnd.accept(status);
            }
        });
    }

    /** Closes without an answer (the client is gone). */
    void abandon(Throwable why) {
        if (replied.compareAndSet(false, true)) {
            callback.failed(why);
            onEnd.accept(0);
        }
    }

    /** The client disconnected or failed while sending; there is nobody to answer. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super(cause == null ? "client gone" : cause.getMessage(), cause, false, false);
        }
    }
}
