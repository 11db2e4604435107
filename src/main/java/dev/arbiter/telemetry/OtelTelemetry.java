package dev.arbiter.telemetry;

import dev.arbiter.core.Version;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionTelemetry;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.queue.EscalationDecided;
import dev.arbiter.core.queue.QueueItem;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisions and approvals as OpenTelemetry spans and metrics.
 * <p>
 * <b>Spans.</b> One span per decision, following the OpenTelemetry GenAI semantic conventions for tool
 * execution (semconv 1.37+, "execute tool span", status Development): name {@code execute_tool {tool}},
 * kind INTERNAL, {@code gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.name} (the action),
 * {@code gen_ai.tool.call.id} and {@code arbiter.trace_id} (the ledger's trace id), {@code gen_ai.agent.id},
 * {@code gen_ai.conversation.id} (the session), plus {@code arbiter.decision}, {@code arbiter.tier},
 * {@code arbiter.risk_score} (0..1), {@code arbiter.reason_code}, {@code arbiter.policy.name},
 * {@code arbiter.policy.version}, {@code arbiter.ledger.seq} and {@code arbiter.face}. It runs from the
 * request's arrival to the answer. A W3C {@code traceparent} the caller sent makes it a child of the
 * caller's span; otherwise it starts a trace.
 * <p>
 * The time a person took on a gated action is a span {@code arbiter.approval {tool}} in the same trace,
 * from queueing to the review ({@code arbiter.review.status}, {@code arbiter.reason_code}), reported by the
 * process that answered the agent (so several processes on one workspace never report one approval twice).
 * <p>
 * <b>Metrics.</b> {@code arbiter.decisions} (counter, by {@code arbiter.decision} and {@code arbiter.face};
 * its rate is decisions/s), {@code arbiter.queue.depth} (gauge, actions waiting for a person) and
 * {@code arbiter.approval.wait} (histogram, seconds).
 * <p>
 * <b>Never in the way.</b> Reporting only starts and ends spans: the SDK's batch processor takes them on a
 * bounded queue and drops (counted) rather than block; any failure here is logged once and swallowed.
 */
public final class OtelTelemetry implements DecisionTelemetry, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OtelTelemetry.class);
    /** Trace ids remembered to link a ledger seq and a later approval to a decision's span. */
    private static final int REMEMBERED = 16_384;

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("gen_ai.agent.id");
    static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");
    static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("arbiter.trace_id");
    static final AttributeKey<String> DECISION = AttributeKey.stringKey("arbiter.decision");
    static final AttributeKey<String> TIER = AttributeKey.stringKey("arbiter.tier");
    static final AttributeKey<Double> RISK = AttributeKey.doubleKey("arbiter.risk_score");
    static final AttributeKey<String> REASON_CODE = AttributeKey.stringKey("arbiter.reason_code");
    static final AttributeKey<String> POLICY = AttributeKey.stringKey("arbiter.policy.name");
    static final AttributeKey<Long> POLICY_VERSION = AttributeKey.longKey("arbiter.policy.version");
    static final AttributeKey<Long> SEQ = AttributeKey.longKey("arbiter.ledger.seq");
    static final AttributeKey<String> FACE = AttributeKey.stringKey("arbiter.face");
    static final AttributeKey<String> REVIEW_STATUS = AttributeKey.stringKey("arbiter.review.status");

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final LongCounter decisions;
    private final DoubleHistogram approvalWait;
    private final ObservableLongGauge queueDepth;
    private final BoundedMap<String, Long> seqs = new BoundedMap<>(REMEMBERED);
    private final BoundedMap<String, Unfinished> unfinished = new BoundedMap<>(REMEMBERED, (id, span) -> span.end(null));
    private final BoundedMap<String, SpanContext> held = new BoundedMap<>(REMEMBERED);
    private final List<AutoCloseable> subscriptions;
    private final AutoCloseable sdk;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Reports to {@code otel}.
     *
     * @param events     the workspace's events (ledger seqs and reviews are read from them)
     * @param queueDepth how many actions wait for a person; read on the metric reader's thread
     * @param sdk        closed with this object (flushes and shuts the SDK down), or null
     */
    public OtelTelemetry(OpenTelemetry otel, Events events, IntSupplier queueDepth, AutoCloseable sdk) {
        this.tracer = otel.getTracer("dev.arbiter", Version.current());
        Meter meter = otel.getMeter("dev.arbiter");
        this.decisions = meter.counterBuilder("arbiter.decisions").setUnit("{decision}")
                .setDescription("Decisions answered, by decision (allow, deny, pending) and face").build();
        this.approvalWait = meter.histogramBuilder("arbiter.approval.wait").setUnit("s")
                .setDescription("Time from queueing a gated action to a person's (or the timeout's) decision")
                .build();
        this.queueDepth = meter.gaugeBuilder("arbiter.queue.depth").ofLongs().setUnit("{action}")
                .setDescription("Actions waiting in the escalation queue").buildWithCallback(m -> {
                    try {
                        m.record(queueDepth.getAsInt());
                    } catch (RuntimeException e) {
                        warnOnce("queue depth unavailable", e);
                    }
                });
        this.sdk = sdk;
        this.subscriptions = List.of(events.subscribe(AuditAppended.class, this::appended),
                events.subscribe(EscalationDecided.class, e -> reviewed(e.item())));
    }

    @Override
    public void decided(Decision d, String face, String traceparent, long startNanos) {
        try {
            long endEpochNanos = epochNanos(Instant.now());
            long startEpochNanos = endEpochNanos - Math.max(0, System.nanoTime() - startNanos);
            SpanBuilder builder = tracer.spanBuilder("execute_tool " + d.action())
                    .setSpanKind(SpanKind.INTERNAL)
                    .setParent(parent(traceparent))
                    .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                    .setAttribute(OPERATION, "execute_tool")
                    .setAttribute(TOOL_NAME, d.action())
                    .setAttribute(TOOL_CALL_ID, d.traceId())
                    .setAttribute(TRACE_ID, d.traceId())
                    .setAttribute(AGENT_ID, d.agentId())
                    .setAttribute(DECISION, d.verdict().wireName())
                    .setAttribute(REASON_CODE, d.reasonCode() == null ? null : d.reasonCode().name())
                    .setAttribute(FACE, face);
            if (d.sessionId() != null) {
                builder.setAttribute(CONVERSATION_ID, d.sessionId());
            }
            if (d.tier() != null) {
                builder.setAttribute(TIER, d.tier().wireName());
            }
            if (d.riskScore() != null) {
                builder.setAttribute(RISK, d.riskScore());
            }
            if (d.policy() != null) {
                builder.setAttribute(POLICY, d.policy());
            }
            if (d.policyVersion() != null) {
                builder.setAttribute(POLICY_VERSION, (long) d.policyVersion());
            }
            Span span = builder.startSpan();
            Unfinished decided = new Unfinished(span, endEpochNanos);
            synchronized (seqs) {
                Long seq = seqs.remove(d.traceId());
                if (seq == null) {
                    unfinished.put(d.traceId(), decided); // its entry is not published yet: it ends the span
                } else {
                    decided.end(seq);
                }
            }
            if (d.isPending()) {
                held.put(d.traceId(), span.getSpanContext());
            }
            decisions.add(1, Attributes.of(DECISION, d.verdict().wireName(), FACE, face));
        } catch (RuntimeException e) {
            warnOnce("a decision span could not be recorded", e);
        }
    }

    /**
     * Joins each decision entry this process wrote to its span. The entry is published on the ledger's events
     * thread and the answer completes on another, so either may come first: the seq waits for its span, or the
     * span (started, not ended) for its seq.
     */
    private void appended(AuditAppended appended) {
        for (LedgerEntry entry : appended.entries()) {
            String traceId = entry.entry().traceId();
            if ("decision".equals(entry.entry().event()) && traceId != null) {
                synchronized (seqs) {
                    Unfinished span = unfinished.remove(traceId);
                    if (span == null) {
                        seqs.put(traceId, entry.seq());
                    } else {
                        span.end(entry.seq());
                    }
                }
            }
        }
    }

    /** A decision's span waiting for its ledger seq; ended without one when forgotten for room or on close. */
    private record Unfinished(Span span, long endEpochNanos) {
        void end(Long seq) {
            if (seq != null) {
                span.setAttribute(SEQ, seq);
            }
            span.end(endEpochNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void reviewed(QueueItem item) {
        try {
            SpanContext decision = held.remove(item.traceId());
            if (decision == null || item.createdAt() == null || item.decidedAt() == null) {
                return; // another process answered this agent and reports the approval
            }
            Duration waited = Duration.between(item.createdAt(), item.decidedAt());
            Span span = tracer.spanBuilder("arbiter.approval " + item.action())
                    .setSpanKind(SpanKind.INTERNAL)
                    .setParent(Context.root().with(Span.wrap(decision)))
                    .setStartTimestamp(epochNanos(item.createdAt()), TimeUnit.NANOSECONDS)
                    .setAttribute(TRACE_ID, item.traceId())
                    .setAttribute(AGENT_ID, item.agentId())
                    .setAttribute(TOOL_NAME, item.action())
                    .setAttribute(REVIEW_STATUS, item.status().name().toLowerCase(java.util.Locale.ROOT))
                    .setAttribute(REASON_CODE, item.reasonCode() == null ? null : item.reasonCode().name())
                    .startSpan();
            span.end(epochNanos(item.decidedAt()), TimeUnit.NANOSECONDS);
            approvalWait.record(Math.max(0, waited.toNanos()) / 1e9, Attributes.of(REVIEW_STATUS,
                    item.status().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            warnOnce("an approval span could not be recorded", e);
        }
    }

    private static Context parent(String traceparent) {
        if (traceparent == null || traceparent.length() > 256) {
            return Context.root();
        }
        // The propagator validates version, ids and flags; a malformed header yields an invalid context,
        // under which the span starts a new trace.
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.strip(), TRACEPARENT);
    }

    private static long epochNanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    private void warnOnce(String what, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("OpenTelemetry: {} ({}); decisions are unaffected, further failures are logged at debug",
                    what, e.toString());
        } else {
            LOG.debug("OpenTelemetry: {}", what, e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
        unfinished.removeAll().forEach(span -> span.end(null));
        if (sdk != null) {
            try {
                sdk.close(); // flushes: the last export still reads the queue depth
            } catch (Exception e) {
                LOG.warn("OpenTelemetry did not shut down cleanly: {}", e.toString());
            }
        }
        queueDepth.close();
    }
}
