package dev.arbiter.core.webhook;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Tx;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's webhooks (issue 16, "Webhooks for alerts and pending approvals") and their outbox:
 * configuration (audited, the URL only ever redacted in the ledger and the log), notifications queued
 * in the database (so a restart loses none; an alert's is written in the alert's own transaction),
 * and the lease, retry and give-up rules a sender follows. It sends nothing itself: core knows no
 * HTTP; {@code dev.arbiter.telemetry.WebhookSender} delivers.
 * <p>
 * Retries: attempt n failing waits {@code min(2^(n-1) s, 5 min)}; after {@value #MAX_ATTEMPTS} attempts
 * (about an hour and a half) the notification is given up, logged and audited as {@code webhook.failed}.
 * A lease of {@value #LEASE_SECONDS} s keeps a second process from sending the same row meanwhile; a
 * sender that dies mid-attempt leaves the row due again when the lease ends (at least once delivery).
 */
public final class Webhooks {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    public static final int MAX_ATTEMPTS = 20;
    static final int LEASE_SECONDS = 60;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Longest URL accepted (Slack's and Teams' are well under 300 characters). */
    static final int MAX_URL = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final AuditLedger ledger;
    private final Clock clock;

    public Webhooks(Database database, AuditLedger ledger, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Adds a webhook told about {@code topics}. The URL must be absolute {@code https}, or {@code http}
     * to a loopback host only (a relay on this machine): over plain HTTP on a network the URL, which is
     * the credential, would travel in the clear; and its host must be public ({@link WebhookTarget}). Throws {@link InvalidWebhookException} naming the field.
     */
    public Webhook add(WebhookKind kind, String url, Set<WebhookTopic> topics, String actor) {
        String clean = url == null ? "" : url.strip();
        check(clean);
        if (topics.isEmpty()) {
            throw new InvalidWebhookException("--events: name at least one of alerts, approvals.");
        }
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        Webhook w = new Webhook("wh-" + HexFormat.of().formatHex(b), kind, clean, Set.copyOf(topics), clock.instant(),
                actor);
        database.write(tx -> {
            WebhookStore.insert(tx.connection(), w);
            ledger.appendWithin(tx, AuditEntry.of("webhook.added").actor(actor).detail(AuditDetail.of("webhook",
                    w.id(), "kind", kind.key(), "url", w.redactedUrl(), "events",
                    topics.stream().map(WebhookTopic::key).sorted().toList())).build());
            return null;
        });
        return w;
    }

    private static void check(String url) {
        if (url.isEmpty()) {
            throw new InvalidWebhookException("URL: give the webhook's address, e.g. https://hooks.slack.com/services/…");
        }
        if (url.length() > MAX_URL) {
            throw new InvalidWebhookException("URL: " + url.length() + " characters; at most " + MAX_URL + ".");
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhookException("URL " + Webhook.redact(url) + " is not a valid address: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidWebhookException("URL " + Webhook.redact(url)
                    + ": write an absolute https:// address with a host.");
        }
        if (scheme.equals("http") && !loopback(u.getHost())) {
            throw new InvalidWebhookException("URL " + Webhook.redact(url) + ": use https:// (plain http is accepted "
                    + "only to this machine, because the URL is the webhook's password).");
        }
        WebhookTarget.refusal(u, WebhookTarget.SYSTEM).ifPresent(why -> {
            throw new InvalidWebhookException("URL " + Webhook.redact(url) + ": " + why + ".");
        });
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        // a literal 127.x.y.y only: "127.0.0.1.attacker.example" starts the same and resolves anywhere
        return h.equals("localhost") || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}") || h.equals("[::1]")
                || h.equals("::1");
    }

    /** Removes a webhook and its undelivered notifications; audited. Throws for an unknown id. */
    public void remove(String id, String actor) {
        database.write(tx -> {
            if (!WebhookStore.delete(tx.connection(), id)) {
                throw new InvalidWebhookException("No webhook " + id + "; `arbiter webhook list` shows them.");
            }
            WebhookStore.deletePending(tx.connection(), id);
            ledger.appendWithin(tx, AuditEntry.of("webhook.removed").actor(actor)
                    .detail(AuditDetail.of("webhook", id)).build());
            return null;
        });
    }

    public List<Webhook> list() {
        return database.read(WebhookStore::list);
    }

    /** Queues {@code notice} for every webhook told about its topic, in its own transaction; returns how many. */
    public int enqueue(Notice notice) {
        return database.write(tx -> enqueueWithin(tx, notice));
    }

    /**
     * Queues {@code notice} inside the caller's transaction (an alert's, so both commit or neither);
     * at most one per webhook and subject, whichever process queues it. Returns how many were queued.
     */
    public int enqueueWithin(Tx tx, Notice notice) throws SQLException {
        int n = 0;
        Instant now = clock.instant();
        for (Webhook w : WebhookStore.list(tx.connection())) {
            if (w.topics().contains(notice.topic())
                    && WebhookStore.enqueue(tx.connection(), w.id(), notice.subject(), WebhookPayload.render(w.kind(),
                    notice), now)) {
                n++;
            }
        }
        return n;
    }

    /** Leases up to {@code limit} due notifications for this sender (a row another process leased is skipped). */
    public List<Delivery> lease(int limit) {
        Instant now = clock.instant();
        return database.write(tx -> {
            List<Delivery> mine = new ArrayList<>();
            for (WebhookStore.Due d : WebhookStore.due(tx.connection(), now, limit)) {
                if (WebhookStore.lease(tx.connection(), d, now.plusSeconds(LEASE_SECONDS))) {
                    mine.add(new Delivery(d.id(), d.webhookId(), d.url(), d.body(), d.attempts() + 1));
                }
            }
            return mine;
        });
    }

    public void delivered(Delivery d) {
        database.write(tx -> {
            WebhookStore.finish(tx.connection(), d.id(), "delivered", clock.instant(), null);
            return null;
        });
    }

    /**
     * Records a failed attempt ({@code error} must not contain the URL): due again after the backoff, or
     * given up after {@value #MAX_ATTEMPTS} attempts (logged and audited as {@code webhook.failed}).
     */
    public void failed(Delivery d, String error) {
        Instant now = clock.instant();
        if (d.attempt() >= MAX_ATTEMPTS) {
            LOG.error("Webhook {} ({}): notification {} given up after {} attempts: {}", d.webhookId(),
                    Webhook.redact(d.url()), d.id(), d.attempt(), error);
            database.write(tx -> {
                WebhookStore.finish(tx.connection(), d.id(), "failed", now, error);
                ledger.appendWithin(tx, AuditEntry.of("webhook.failed").actor("webhook-sender")
                        .detail(AuditDetail.of("webhook", d.webhookId(), "notification", d.id(), "attempts",
                                d.attempt(), "error", error)).build());
                return null;
            });
            return;
        }
        LOG.info("Webhook {} ({}): attempt {} failed ({}); retrying in {}", d.webhookId(), Webhook.redact(d.url()),
                d.attempt(), error, backoff(d.attempt()));
        database.write(tx -> {
            WebhookStore.retryAt(tx.connection(), d.id(), now.plus(backoff(d.attempt())), error);
            return null;
        });
    }

    /** The wait after failed attempt {@code attempt} (1…): 1 s, 2 s, 4 s, … at most 5 min. */
    public static Duration backoff(int attempt) {
        int exp = Math.min(Math.max(attempt, 1) - 1, 20);
        Duration d = Duration.ofSeconds(1L << exp);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** Notifications waiting to be delivered. */
    public long pending() {
        return database.read(c -> WebhookStore.count(c, "pending"));
    }

    public long delivered() {
        return database.read(c -> WebhookStore.count(c, "delivered"));
    }

    public Instant now() {
        return clock.instant();
    }
}
