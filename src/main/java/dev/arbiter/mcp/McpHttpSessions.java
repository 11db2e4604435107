package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.Workspace;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP sessions of {@code arbiter mcp proxy --upstream URL --port N}: the
 * Streamable HTTP transport (MCP 2025-11-25 "Transports") between clients and
 * Arbiter, each session relayed through its own {@link McpProxy} to the
 * upstream server over Streamable HTTP ({@link HttpUpstream}). Same rules as
 * stdio: every {@code tools/call} decided before it is forwarded.
 *
 * <p>HTTP-neutral: the web server (the gateway's Jetty front) hands each POST
 * body here and writes what {@link #post} says: a refusal, 202, or a
 * {@link Stream} of messages to send as SSE events, ending with the answer.
 * A GET opens the session's stream for messages from the server not tied to
 * a request ({@link #listen}): upstream notifications such as
 * {@code notifications/tools/list_changed}, task status, progress of a call
 * whose request already ended. Its events are numbered, and a client that
 * reconnects with {@code Last-Event-ID} gets those it missed
 * ({@link SessionEvents}).
 * Bounded: at most {@value #MAX_SESSIONS} sessions (beyond, a new one is
 * refused with 503 and {@code Retry-After} unless some session has had no
 * connection for {@link SessionCap#UNCONNECTED}: that one is ended for it, and
 * a session in use is never ended for a newcomer), {@link McpProxy#MAX_IN_FLIGHT} requests per session,
 * {@value #MAX_QUEUED} undelivered notifications per stream and
 * {@value #MAX_NOTE_BYTES} bytes of them per session across its request
 * streams (more are dropped, and the client is told so by a
 * {@code notifications/message} warning before the stream's next message;
 * the answer itself is never dropped), one GET stream per session (a new one
 * ends the old: a client reconnecting after a network break must not find
 * itself locked out by its own dead connection), and
 * {@link SessionEvents#MAX_BYTES} bytes of server messages kept per session.
 */
public final class McpHttpSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpSessions.class);
    public static final int MAX_SESSIONS = 64;
    /** Seconds a newcomer refused at the session cap is told to wait (a session may end any time). */
    static final int FULL_RETRY_SECONDS = 60;
    /**
     * Request streams open at once, across sessions: each holds one of the
     * front's threads while its call waits, so this stays well below them
     * (512, less one GET stream per session, less room to read bodies and
     * answer refusals). Beyond, a request is answered 503 at once; a
     * notification (a cancellation above all) still gets through.
     */
    public static final int MAX_STREAMS = 384;
    static final int MAX_QUEUED = 64;
    /**
     * GET streams not yet closed, across sessions and per session. A newer
     * GET stream ends the older one, but an older one whose client stopped
     * reading holds its thread in a blocked write until the connection's idle
     * timeout; without these caps a client reconnecting in a loop with
     * {@code Last-Event-ID: 0} (a full replay each time) and reading nothing
     * would hold a thread per reconnect.
     */
    static final int MAX_LISTENING = 2 * MAX_SESSIONS;
    static final int MAX_LISTENING_PER_SESSION = 3;
    /**
     * Bytes of notifications waiting on a session's request streams for a
     * client that does not read them, at most (as {@link SessionEvents#MAX_BYTES}
     * for its GET stream): a server flooding large notifications cannot grow
     * memory past {@value #MAX_SESSIONS} times this.
     */
    static final long MAX_NOTE_BYTES = SessionEvents.MAX_BYTES;
    /** The header carrying the session id, both ways. */
    public static final String SESSION_HEADER = HttpUpstream.SESSION_HEADER;
    public static final String VERSION_HEADER = HttpUpstream.VERSION_HEADER;

    /** What to answer one POST. */
    public sealed interface Posted permits Refused, Accepted, Streaming {
    }

    /**
     * An HTTP error status with a JSON-RPC error body, and for a 503 the
     * seconds after which to try again ({@code Retry-After}; 0 for none).
     */
    public record Refused(int status, byte[] body, int retryAfterSeconds) implements Posted {
        /** A refusal that trying again later will not mend. */
        public Refused(int status, byte[] body) {
            this(status, body, 0);
        }
    }

    /** 202: a notification or a response, passed on. */
    public record Accepted() implements Posted {
    }

    /** 200 with an SSE stream; {@code newSession} is the id to announce (initialize), or null. */
    public record Streaming(Outgoing stream, String newSession) implements Posted {
    }

    /** One SSE event to write: its {@code id} (null for none) and its data, one JSON-RPC message. */
    public record SseEvent(String id, byte[] data) {
    }

    /** The events of one SSE response, as the front writes them. */
    public interface Outgoing {
        /**
         * The next event, waiting up to {@code wait}; null when none came
         * (write a keep-alive comment) or the stream is {@link #finished()}.
         */
        SseEvent next(Duration wait) throws InterruptedException;

        /** True when the front should end the response. */
        boolean finished();

        /** The client went away. */
        void abandoned();

        /** The front is done with the stream (answered or not): what it held is given back. */
        default void close() {
        }
    }

    private final Workspace workspace;
    private final String agentId;
    private final URI upstream;
    private final McpProxy.Limits limits;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final java.util.concurrent.Semaphore streamPermits;
    private final java.util.concurrent.Semaphore listenPermits = new java.util.concurrent.Semaphore(MAX_LISTENING);
    /** {@link System#nanoTime()}, or a test's clock: how long a session has been without a connection. */
    private final java.util.function.LongSupplier nanoTime;

    /**
     * @param upstream        the server's MCP endpoint (http or https)
     * @param upstreamTimeout how long the server may take to answer one request
     * @param keepAlive       how often an idle stream carries a comment (which also finds clients gone)
     *                        and a held call a progress notification
     */
    public McpHttpSessions(Workspace workspace, String agentId, URI upstream, Duration upstreamTimeout,
                           Duration keepAlive) {
        this(workspace, agentId, upstream, upstreamTimeout, keepAlive, MAX_STREAMS, System::nanoTime);
    }

    /** As above, with at most {@code maxStreams} request streams open at once (tests use few). */
    McpHttpSessions(Workspace workspace, String agentId, URI upstream, Duration upstreamTimeout,
                    Duration keepAlive, int maxStreams) {
        this(workspace, agentId, upstream, upstreamTimeout, keepAlive, maxStreams, System::nanoTime);
    }

    /**
     * As above, with at most {@code maxStreams} request streams open at once and
     * {@code nanoTime} as the clock of the session cap (tests step it past {@link SessionCap#UNCONNECTED}).
     */
    McpHttpSessions(Workspace workspace, String agentId, URI upstream, Duration upstreamTimeout,
                    Duration keepAlive, int maxStreams, java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.streamPermits = new java.util.concurrent.Semaphore(maxStreams);
        this.workspace = workspace;
        this.agentId = agentId;
        this.upstream = upstream;
        this.limits = new McpProxy.Limits(upstreamTimeout, keepAlive);
    }

    /**
     * Why a request with {@code authorization} (the header, or null) may not
     * use this proxy, or null when it may: the agent's own API token, as
     * {@code POST /v1/actions} takes it ({@code arbiter token issue}). The
     * front asks this off loopback only, as {@code arbiter serve} needs TLS
     * there.
     */
    public String tokenRefusal(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        dev.arbiter.core.token.TokenCheck check = workspace.tokens().check(presented);
        if (check instanceof dev.arbiter.core.token.TokenCheck.Valid valid) {
            return valid.info().agentId().equals(agentId) ? null
                    : "the token belongs to another agent than " + agentId;
        }
        return ((dev.arbiter.core.token.TokenCheck.Refused) check).reason().text()
                + "; send Authorization: Bearer <a token of " + agentId + ">";
    }

    /** How long a stream may be silent before the front writes a comment to it. */
    public Duration keepAlive() {
        return limits.progressEvery();
    }

    /**
     * Handles one POSTed message. {@code sessionId} and {@code protocolVersion}
     * are the request's headers (null when absent).
     */
    public Posted post(String sessionId, String protocolVersion, byte[] body) {
        JsonRpc.Message message = JsonRpc.read(body);
        if (message instanceof JsonRpc.Invalid invalid) {
            return new Refused(400, JsonRpc.error(invalid.id(), invalid.code(), invalid.problem()));
        }
        if (protocolVersion != null && !ProtocolVersions.supported(protocolVersion)) {
            return new Refused(400, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST, "MCP-Protocol-Version "
                    + abbreviate(protocolVersion) + " is not one Arbiter governs (" + String.join(", ",
                    ProtocolVersions.SUPPORTED) + ")"));
        }
        if (sessionId == null) {
            if (!(message instanceof JsonRpc.Request request && request.method().equals(McpMethods.INITIALIZE))) {
                return new Refused(400, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST, "no " + SESSION_HEADER
                        + " header: start a session with initialize first"));
            }
            if (!streamPermits.tryAcquire()) {
                return busy(request);
            }
            Session session = open();
            if (session == null) {
                streamPermits.release();
                return new Refused(503, JsonRpc.error(idOf(message), JsonRpc.BUSY, MAX_SESSIONS + " MCP sessions "
                        + "are open through Arbiter and each had a connection within the last "
                        + SessionCap.UNCONNECTED.toMinutes() + " min, so none is ended for a new one; retry later, "
                        + "or end a session you no longer use (DELETE with its " + SESSION_HEADER + ")"),
                        FULL_RETRY_SECONDS);
            }
            return new Streaming(session.request(request, body), session.id);
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new Refused(404, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST, "unknown or ended MCP "
                    + "session; initialize a new one"));
        }
        session.touch();
        if (message instanceof JsonRpc.Request request) {
            if (!streamPermits.tryAcquire()) {
                return busy(request);
            }
            Stream stream = session.request(request, body);
            if (stream == null) {
                streamPermits.release();
            }
            return stream == null ? new Refused(400, JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST,
                    "request id " + JsonRpc.key(request.id()) + " is still in use by an earlier request; use a new "
                            + "id")) : new Streaming(stream, null);
        }
        session.proxy.fromClient(body);
        if (message instanceof JsonRpc.Notification n && n.method().equals(McpMethods.CANCELLED)
                && n.params() != null && n.params().has("requestId")) {
            session.cancelled(n.params().get("requestId"));
        }
        return new Accepted();
    }

    /**
     * GET: opens the session's stream of server messages. {@code lastEventId}
     * is the {@code Last-Event-ID} header (null when absent): the events after
     * it are sent again, as far as they are still kept.
     */
    public Posted listen(String sessionId, String lastEventId) {
        if (sessionId == null) {
            return new Refused(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "no " + SESSION_HEADER
                    + " header: a GET stream belongs to a session; initialize one first with POST"));
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new Refused(404, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "unknown or ended MCP session; "
                    + "initialize a new one"));
        }
        session.touch();
        if (!listenPermits.tryAcquire()) {
            return new Refused(503, JsonRpc.error(null, JsonRpc.BUSY, "Arbiter has as many GET streams open as it "
                    + "allows (" + MAX_LISTENING + ", counting those whose client stopped reading); retry later"), 1);
        }
        if (session.listeners.incrementAndGet() > MAX_LISTENING_PER_SESSION) {
            session.listeners.decrementAndGet();
            listenPermits.release();
            return new Refused(429, JsonRpc.error(null, JsonRpc.BUSY, "this session already has "
                    + MAX_LISTENING_PER_SESSION + " GET streams not yet closed (a newer one ends the older, but an "
                    + "older one whose client stopped reading stays until its connection times out); retry later"));
        }
        return new Streaming(session.listen(eventNumber(lastEventId)), null);
    }

    private static Long eventNumber(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank() || lastEventId.length() > 19) {
            return null;
        }
        try {
            long n = Long.parseLong(lastEventId.strip());
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null; // not one of ours: start from what was never delivered
        }
    }

    /** Bytes of notifications waiting on session {@code sessionId}'s request streams (0 for no such session). */
    long notificationBytesQueued(String sessionId) {
        Session session = sessions.get(sessionId);
        return session == null ? 0 : session.noteBytes.get();
    }

    /** Sessions with a request or GET stream open now (tests await this before stepping their clock). */
    long connectedSessions() {
        return sessions.values().stream().filter(Session::connected).count();
    }

    /** DELETE: the client ends its session; false when there is none by that id. */
    public boolean end(String sessionId) {
        Session session = sessionId == null ? null : sessions.remove(sessionId);
        if (session == null) {
            return false;
        }
        session.close();
        return true;
    }

    private synchronized Session open() {
        if (sessions.size() >= MAX_SESSIONS) {
            java.util.Optional<String> unused = SessionCap.replaceable(sessions.values().stream()
                    .map(s -> new SessionCap.Seen(s.id, s.connected(), s.lastUsed)).toList(), nanoTime.getAsLong());
            if (unused.isEmpty()) {
                return null;
            }
            LOG.info("Ending MCP session {}, without a connection for {} min or more, for a new one", unused.get(),
                    SessionCap.UNCONNECTED.toMinutes());
            end(unused.get());
        }
        Session session = new Session(UUID.randomUUID().toString());
        sessions.put(session.id, session);
        return session;
    }

    private Refused busy(JsonRpc.Request request) {
        return new Refused(503, JsonRpc.error(request.id(), JsonRpc.BUSY, "Arbiter has as many MCP requests open as "
                + "it allows (calls waiting for a reviewer hold theirs); retry later, or ask for a task (MCP tasks) "
                + "so a held call holds no request"), 1);
    }

    /** A {@code notifications/message} warning from Arbiter to the client (MCP "Logging"). */
    static byte[] warning(String text) {
        com.fasterxml.jackson.databind.node.ObjectNode params = JsonRpc.JSON.createObjectNode();
        params.put("level", "warning");
        params.put("logger", "arbiter");
        params.put("data", text);
        return JsonRpc.notification("notifications/message", params);
    }

    private static JsonNode idOf(JsonRpc.Message message) {
        return message instanceof JsonRpc.Request request ? request.id() : null;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    @Override
    public void close() {
        for (String id : java.util.List.copyOf(sessions.keySet())) {
            end(id);
        }
    }

    /** One client's session: its proxy, its upstream connection, and the open streams by request id. */
    private final class Session implements Wire {
        final String id;
        final HttpUpstream upstream;
        final McpProxy proxy;
        final Map<String, Stream> streams = new ConcurrentHashMap<>();
        final Map<String, Stream> byProgressToken = new ConcurrentHashMap<>();
        final SessionEvents events = new SessionEvents();
        /** Bytes of notifications queued on this session's request streams, at most {@link #MAX_NOTE_BYTES}. */
        final java.util.concurrent.atomic.AtomicLong noteBytes = new java.util.concurrent.atomic.AtomicLong();
        volatile Listening listening;
        /** GET streams of this session not yet closed by the front, the one listening included. */
        final java.util.concurrent.atomic.AtomicInteger listeners = new java.util.concurrent.atomic.AtomicInteger();
        /** The number of the newest event written to a GET stream. */
        volatile long delivered;
        /** {@link #nanoTime} when it last had a connection: opened, used, or one of its streams ended. */
        volatile long lastUsed = nanoTime.getAsLong();

        Session(String id) {
            this.id = id;
            this.upstream = new HttpUpstream(McpHttpSessions.this.upstream, Duration.ofSeconds(10));
            this.proxy = new McpProxy(new ToolCallGate(workspace, agentId), this, upstream, limits);
            proxy.sessionId(id);
            upstream.attach(proxy::fromServer, proxy::protocolVersion);
        }

        McpHttpSessions owner() {
            return McpHttpSessions.this;
        }

        void touch() {
            lastUsed = nanoTime.getAsLong();
        }

        /** Whether a request stream or a GET stream of this session is open now. */
        boolean connected() {
            return !streams.isEmpty() || listeners.get() > 0;
        }

        /** Opens the stream that will carry the answer to {@code request}; null when its id is taken. */
        Stream request(JsonRpc.Request request, byte[] body) {
            String key = JsonRpc.key(request.id());
            Stream stream = new Stream(this, request.id());
            if (streams.putIfAbsent(key, stream) != null) {
                return null;
            }
            JsonNode token = request.params() == null ? null : request.params().path("_meta").get("progressToken");
            if (token != null && (token.isTextual() || token.isIntegralNumber())) {
                stream.progressToken = JsonRpc.key(token);
                byProgressToken.put(stream.progressToken, stream);
            }
            proxy.fromClient(body);
            return stream;
        }

        /** A message for the client: to the stream it answers or belongs to, else to any open stream. */
        @Override
        public boolean send(byte[] message) {
            JsonRpc.Message parsed = JsonRpc.read(message);
            if (parsed instanceof JsonRpc.Response response) {
                Stream stream = streams.remove(JsonRpc.key(response.id()));
                if (stream == null) {
                    LOG.info("Answer to {} in session {} has no open stream (the client left); dropped",
                            JsonRpc.key(response.id()), id);
                    return true;
                }
                if (stream.progressToken != null) {
                    byProgressToken.remove(stream.progressToken, stream);
                }
                stream.answer(message);
                return true;
            }
            Stream target = null;
            if (parsed instanceof JsonRpc.Notification n && n.method().equals(McpMethods.PROGRESS)
                    && n.params() != null && n.params().has("progressToken")) {
                target = byProgressToken.get(JsonRpc.key(n.params().get("progressToken")));
            }
            if (target == null && (listening != null || streams.isEmpty()) && events.add(message) >= 0) {
                return true; // the GET stream's, now or when the client opens one
            }
            if (target == null) {
                Iterator<Stream> open = streams.values().iterator();
                target = open.hasNext() ? open.next() : null;
            }
            if (target == null) {
                LOG.info("Message for the client of session {} with no stream open; dropped", id);
                return true;
            }
            target.note(message);
            return true;
        }

        /** The client cancelled a request: it gets no answer, so its stream ends now (and gives back its thread). */
        void cancelled(JsonNode requestId) {
            Stream stream = streams.remove(JsonRpc.key(requestId));
            if (stream != null) {
                if (stream.progressToken != null) {
                    byProgressToken.remove(stream.progressToken, stream);
                }
                stream.end();
            }
        }

        void abandoned(Stream stream) {
            if (streams.remove(JsonRpc.key(stream.id), stream)) {
                if (stream.progressToken != null) {
                    byProgressToken.remove(stream.progressToken, stream);
                }
                // as if the client had cancelled: a held call is withdrawn, a forwarded one cancelled upstream
                com.fasterxml.jackson.databind.node.ObjectNode params = JsonRpc.JSON.createObjectNode();
                params.set("requestId", stream.id);
                params.put("reason", "the MCP client disconnected");
                proxy.fromClient(JsonRpc.notification(McpMethods.CANCELLED, params));
            }
        }

        synchronized Listening listen(Long lastEventId) {
            Listening old = listening;
            if (old != null) {
                old.end();
            }
            long from = lastEventId != null ? Math.min(lastEventId, events.lastSeq()) : delivered;
            listening = new Listening(this, from);
            return listening;
        }

        synchronized void unlisten(Listening stream) {
            stream.end();
            if (listening == stream) {
                listening = null;
            }
        }

        void close() {
            Listening open = listening;
            if (open != null) {
                unlisten(open);
            }
            proxy.close();
            upstream.close();
            streams.values().forEach(s -> s.answer(JsonRpc.error(s.id, JsonRpc.UPSTREAM_GONE,
                    "the MCP session ended")));
            streams.clear();
        }
    }

    /**
     * The messages one POSTed request gets, in order: notifications while it
     * runs or waits, then its answer, after which the stream is finished.
     */
    public static final class Stream implements Outgoing {
        private final Session session;
        private final JsonNode id;
        private final BlockingQueue<byte[]> notes = new LinkedBlockingQueue<>(MAX_QUEUED);
        private final BlockingQueue<byte[]> answer = new LinkedBlockingQueue<>(1);
        private volatile String progressToken;
        private volatile boolean finished;
        /** Notifications dropped (and their bytes) since the client was last told. */
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong droppedBytes = new AtomicLong();
        private final java.util.concurrent.atomic.AtomicBoolean permit = new java.util.concurrent.atomic.AtomicBoolean(true);

        private Stream(Session session, JsonNode id) {
            this.session = session;
            this.id = id;
        }

        private void note(byte[] message) {
            AtomicLong queued = session.noteBytes;
            boolean reserved = queued.getAndUpdate(n -> n + message.length <= MAX_NOTE_BYTES ? n + message.length : n)
                    + message.length <= MAX_NOTE_BYTES;
            boolean kept = false;
            if (reserved) {
                synchronized (this) {
                    kept = !finished && notes.offer(message);
                }
                if (!kept) {
                    queued.addAndGet(-message.length);
                }
            }
            if (!kept) {
                dropped.incrementAndGet();
                droppedBytes.addAndGet(message.length);
                LOG.debug("Client of session {} not reading its stream; notification of {} bytes dropped", session.id,
                        message.length);
            }
            synchronized (this) {
                notifyAll();
            }
        }

        /** The warning that notifications were dropped since the last one, or null when none were. */
        private byte[] droppedWarning() {
            long count = dropped.getAndSet(0);
            if (count == 0) {
                return null;
            }
            return warning("Arbiter dropped " + count + " notification(s) of " + droppedBytes.getAndSet(0)
                    + " bytes from the MCP server on this request's stream: they came faster than the client read "
                    + "them, and Arbiter keeps at most " + MAX_QUEUED + " notifications per stream and "
                    + MAX_NOTE_BYTES + " bytes of them per session. The request goes on; its answer is never "
                    + "dropped.");
        }

        /** Ends the stream without an answer. */
        private void end() {
            synchronized (this) {
                finished = true;
                notifyAll();
            }
        }

        private void answer(byte[] message) {
            answer.offer(message);
            synchronized (this) {
                notifyAll();
            }
        }

        /**
         * The next message, waiting up to {@code wait}; null when none came
         * (write a keep-alive comment) or the stream is {@link #finished()}.
         */
        @Override
        public SseEvent next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (this) {
                while (true) {
                    byte[] warning = droppedWarning();
                    if (warning != null) {
                        return new SseEvent(null, warning);
                    }
                    byte[] note = notes.poll();
                    if (note != null) {
                        session.noteBytes.addAndGet(-note.length);
                        return new SseEvent(null, note);
                    }
                    byte[] last = answer.poll();
                    if (last != null) {
                        finished = true;
                        return new SseEvent(null, last);
                    }
                    if (finished) {
                        return null;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        }

        /** True once the answer was taken: the front ends the response. */
        @Override
        public boolean finished() {
            return finished;
        }

        /** The client went away before the answer: a held call is withdrawn, nothing runs for nobody. */
        @Override
        public void abandoned() {
            if (!finished) {
                session.abandoned(this);
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                finished = true;
                for (byte[] note = notes.poll(); note != null; note = notes.poll()) {
                    session.noteBytes.addAndGet(-note.length); // never to be read: the session's budget gets them back
                }
            }
            if (permit.getAndSet(false)) {
                session.owner().streamPermits.release();
            }
            session.touch(); // its connection ends now: the session's time without one starts here
        }
    }

    /**
     * A session's GET stream: its server messages in order, each with its
     * number as the event id, until the session ends or a newer GET stream
     * of the same session replaces it.
     */
    public static final class Listening implements Outgoing {
        private final Session session;
        private volatile long after;
        private volatile boolean ended;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        /** The event before which skipped events were last reported (each gap is reported once). */
        private volatile long warnedBefore;

        private Listening(Session session, long after) {
            this.session = session;
            this.after = after;
        }

        @Override
        public SseEvent next(Duration wait) throws InterruptedException {
            SessionEvents.Event event = session.events.next(after, wait.toNanos(), () -> ended);
            if (event == null) {
                return null;
            }
            if (event.seq() > after + 1 && warnedBefore != event.seq()) {
                // told first, without an id (it is no event to resume from); the event itself comes next
                warnedBefore = event.seq();
                long skipped = event.seq() - after - 1;
                LOG.info("GET stream of session {} skipped {} events no longer kept", session.id, skipped);
                return new SseEvent(null, warning("Arbiter dropped " + skipped + " message(s) of this session's "
                        + "stream that were no longer kept (it keeps the newest " + SessionEvents.MAX_EVENTS
                        + " messages and " + SessionEvents.MAX_BYTES + " bytes for a client that is not reading or "
                        + "reconnects late); they cannot be sent again."));
            }
            after = event.seq();
            session.delivered = Math.max(session.delivered, event.seq());
            return new SseEvent(Long.toString(event.seq()), event.data());
        }

        @Override
        public boolean finished() {
            return ended;
        }

        @Override
        public void abandoned() {
            session.unlisten(this);
        }

        /** The front is done with it: its places count no more. */
        @Override
        public void close() {
            session.unlisten(this);
            if (closed.compareAndSet(false, true)) {
                session.listeners.decrementAndGet();
                session.owner().listenPermits.release();
            }
            session.touch();
        }

        private void end() {
            ended = true;
            session.events.wake();
        }
    }
}
