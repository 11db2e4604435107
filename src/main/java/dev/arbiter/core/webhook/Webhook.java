package dev.arbiter.core.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * One configured webhook: {@code id} ({@code wh-} and 8 hex digits), its kind, its URL (a secret: an
 * incoming-webhook URL is its own credential, so it is shown and logged only as {@link #redactedUrl()}),
 * and the topics it is told about.
 */
public record Webhook(String id, WebhookKind kind, String url, Set<WebhookTopic> topics, Instant createdAt,
                      String createdBy) {

    /** Scheme, host and the last four characters: {@code https://hooks.slack.com/…x7Qz}. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@link #redactedUrl()} for any URL text; never returns more than scheme, host and four characters. */
    public static String redact(String url) {
        String tail = url.length() > 4 ? url.substring(url.length() - 4) : "";
        try {
            URI u = URI.create(url);
            if (u.getScheme() != null && u.getHost() != null) {
                return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…" + tail;
            }
        } catch (IllegalArgumentException e) {
            // not a URL: show nothing of it but the tail
        }
        return "…" + tail;
    }
}
