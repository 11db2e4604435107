package dev.arbiter.core.decision;

/**
 * Where the faces report each decision they answered, for telemetry out
 * (OpenTelemetry spans and metrics, {@code dev.arbiter.telemetry}). Core holds
 * only this seam, so it needs no telemetry SDK; {@link #OFF} is the default.
 * <p>
 * Telemetry must never block or fail a decision: implementations return at once
 * (at most a non-blocking offer to a bounded queue) and never throw.
 */
public interface DecisionTelemetry {

    /** Telemetry off: reports nothing. */
    DecisionTelemetry OFF = (decision, face, traceparent, startNanos) -> { };

    /**
     * A decision was recorded in the ledger and answered.
     *
     * @param decision    the decision as answered (pending for a gated action)
     * @param face        which face asked: {@code "gateway"} or {@code "mcp"}
     * @param traceparent the W3C Trace Context {@code traceparent} the caller sent, or null; a malformed one
     *                    is ignored (the span starts a new trace)
     * @param startNanos  {@link System#nanoTime()} when the face received the request
     */
    void decided(Decision decision, String face, String traceparent, long startNanos);
}
