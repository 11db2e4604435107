package dev.arbiter.core.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook is told about (issue 16: "Webhooks for alerts and pending approvals"). */
public enum WebhookTopic {
    ALERTS("alerts"), APPROVALS("approvals");

    private final String key;

    WebhookTopic(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<WebhookTopic> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
