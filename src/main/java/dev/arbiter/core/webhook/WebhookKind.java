package dev.arbiter.core.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The JSON a webhook receives: a Slack or Microsoft Teams incoming webhook's, or Arbiter's own. */
public enum WebhookKind {
    SLACK("slack"), TEAMS("teams"), GENERIC("generic");

    private final String key;

    WebhookKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<WebhookKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
