package dev.arbiter.mcp;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Which MCP HTTP session a new one may take the place of when
 * {@link McpHttpSessions#MAX_SESSIONS} are open (docs/mcp.md "Bounds against
 * a flood"). Only a session that has had no connection at all (no request
 * stream, no GET stream) for at least {@link #UNCONNECTED} may be ended for a
 * newcomer, the one unconnected longest first; a session in use, or used within
 * that time, is never ended for another, so a flood of new sessions on loopback
 * cannot end other clients' sessions: the newcomer is refused (503) instead.
 */
final class SessionCap {

    /** How long a session must have been without any connection before a newcomer may end it. */
    static final Duration UNCONNECTED = Duration.ofMinutes(30);

    /**
     * One open session as the cap sees it.
     *
     * @param id                 the session id
     * @param connected          whether some request or GET stream of it is open now
     * @param lastConnectedNanos {@link System#nanoTime()} when it last had a connection (opened, used, or a stream
     *                           ended)
     */
    record Seen(String id, boolean connected, long lastConnectedNanos) {
    }

    private SessionCap() {
    }

    /** The session to end for a newcomer at {@code nowNanos}, or empty when the newcomer must be refused. */
    static Optional<String> replaceable(Collection<Seen> sessions, long nowNanos) {
        Seen oldest = null;
        for (Seen s : sessions) {
            if (!s.connected() && nowNanos - s.lastConnectedNanos() >= UNCONNECTED.toNanos()
                    && (oldest == null || s.lastConnectedNanos() - oldest.lastConnectedNanos() < 0)) {
                oldest = s;
            }
        }
        return Optional.ofNullable(oldest).map(Seen::id);
    }
}
