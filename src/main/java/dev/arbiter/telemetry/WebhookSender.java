package dev.arbiter.telemetry;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.queue.EscalationQueued;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.webhook.Delivery;
import dev.arbiter.core.webhook.Notices;
import dev.arbiter.core.webhook.Webhook;
import dev.arbiter.core.webhook.WebhookTarget;
import dev.arbiter.core.webhook.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the workspace's webhook notifications (issue 16) on its own thread, never on a decision's:
 * it POSTs each due outbox row ({@link Webhooks#lease}) as JSON, marks a 2xx delivered and any other
 * answer, a timeout or a refused connection as a failed attempt (retried with backoff by
 * {@link Webhooks#failed}). Alert notifications are queued by core in the alert's own transaction;
 * pending approvals ({@link EscalationQueued}, gated and pending) reach this thread through a bounded
 * hand-off of {@value #HANDOFF} items, so the publishing thread never waits. A full hand-off drops the
 * notification (counted and logged; the approval itself waits in the queue and the desktop shows it).
 * The URL is never logged whole ({@link Webhook#redact}).
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final int HANDOFF = 1_024;
    /** Rows leased per round. */
    static final int BATCH = 32;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Webhooks webhooks;
    private final HttpClient http;
    private final BlockingQueue<QueueItem> approvals = new ArrayBlockingQueue<>(HANDOFF);
    private final AtomicLong droppedApprovals = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AutoCloseable subscription;
    private final Thread thread;
    private final Duration idle;
    private volatile boolean closed;

    /** Starts sending for {@code ws}, looking for due notifications at least every {@code idle}. */
    public WebhookSender(Workspace ws, Duration idle) {
        this.webhooks = ws.webhooks();
        this.idle = idle;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.subscription = ws.events().subscribe(EscalationQueued.class, e -> {
            if (e.item().isGated() && e.item().isPending() && !approvals.offer(e.item())) {
                droppedApprovals.incrementAndGet();
            }
        });
        this.thread = new Thread(this::loop, "arbiter-webhook-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts with the default pace: due notifications are looked for every second. */
    public static WebhookSender start(Workspace ws) {
        return new WebhookSender(ws, Duration.ofSeconds(1));
    }

    /** Notifications delivered by this sender since start. */
    public long sent() {
        return sent.get();
    }

    /** Approval notifications dropped because the hand-off was full. */
    public long droppedApprovals() {
        return droppedApprovals.get();
    }

    private void loop() {
        long reportedDrops = 0;
        while (!closed) {
            try {
                QueueItem first = approvals.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<QueueItem> batch = new java.util.ArrayList<>(List.of(first));
                    approvals.drainTo(batch, HANDOFF);
                    for (QueueItem q : batch) {
                        webhooks.enqueue(Notices.approval(q));
                    }
                }
                long drops = droppedApprovals.get();
                if (drops > reportedDrops) {
                    LOG.warn("{} approval notifications were not queued for webhooks: the hand-off of {} was full",
                            drops - reportedDrops, HANDOFF);
                    reportedDrops = drops;
                }
                deliverDue();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("Webhook delivery round failed ({}); trying again", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void deliverDue() {
        List<Delivery> due;
        while (!closed && !(due = webhooks.lease(BATCH)).isEmpty()) {
            for (Delivery d : due) {
                deliver(d);
            }
        }
    }

    private void deliver(Delivery d) {
        String error;
        // checked again at send time: a name may resolve to an internal address now though it did not when added
        var refused = WebhookTarget.refusal(URI.create(d.url()), WebhookTarget.SYSTEM);
        if (refused.isPresent()) {
            LOG.warn("Webhook {} not sent: {}", d.webhookId(), refused.get());
            webhooks.failed(d, "refused: " + refused.get());
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                webhooks.delivered(d);
                sent.incrementAndGet();
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            // the exception's message may quote the URL: only its type goes to the store and the log
            error = e.getClass().getSimpleName();
        }
        webhooks.failed(d, error);
    }

    /**
     * Posts {@code body} to {@code hook} once, now, bypassing the outbox ({@code arbiter webhook test}):
     * returns "HTTP 200" and the like, or the failure's kind; never the URL.
     */
    public static String sendOnce(Webhook hook, String body) {
        var refused = WebhookTarget.refusal(URI.create(hook.url()), WebhookTarget.SYSTEM);
        if (refused.isPresent()) {
            return "refused: " + refused.get();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(hook.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return "HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(idle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the current attempt; what is not delivered stays queued in the database for the next start. */
    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Unsubscribe failed", e);
        }
        thread.interrupt();
        try {
            thread.join(TIMEOUT.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
