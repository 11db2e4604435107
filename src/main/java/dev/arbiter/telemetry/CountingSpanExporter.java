package dev.arbiter.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the spans an exporter could not deliver (collector down, refused, timed out) and
 * logs the first failure once, so a dead collector neither floods the log nor goes unnoticed.
 * The batch processor in front of it already bounds the queue and never blocks the caller.
 */
final class CountingSpanExporter implements SpanExporter {

    private static final Logger LOG = LoggerFactory.getLogger(CountingSpanExporter.class);

    private final SpanExporter delegate;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong exported = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    CountingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        int n = spans.size();
        CompletableResultCode result;
        try {
            result = delegate.export(spans);
        } catch (RuntimeException e) {
            failed(n, e.toString());
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                exported.addAndGet(n);
            } else {
                failed(n, result.getFailureThrowable() == null ? "export failed"
                        : result.getFailureThrowable().toString());
            }
        });
        return result;
    }

    private void failed(int n, String why) {
        long total = dropped.addAndGet(n);
        if (warned.compareAndSet(false, true)) {
            LOG.warn("OpenTelemetry: could not export {} spans ({}); dropping spans until the collector answers "
                    + "(decisions are unaffected; this is logged once, the count is in the log at shutdown)", total, why);
        }
    }

    /** Spans the exporter failed to deliver so far. */
    long dropped() {
        return dropped.get();
    }

    /** Spans delivered so far. */
    long exported() {
        return exported.get();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        if (dropped.get() > 0) {
            LOG.warn("OpenTelemetry: {} spans were dropped because the collector could not be reached", dropped.get());
        }
        return delegate.shutdown();
    }
}
