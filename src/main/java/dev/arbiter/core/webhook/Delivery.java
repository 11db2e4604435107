package dev.arbiter.core.webhook;

/** One outbox row leased for a delivery attempt: where to POST what, and which attempt this is (1…). */
public record Delivery(long id, String webhookId, String url, String body, int attempt) {
}
