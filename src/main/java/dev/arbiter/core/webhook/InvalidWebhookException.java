package dev.arbiter.core.webhook;

/** A webhook setting a person must correct; the message names the field and what to write. */
public final class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }
}
