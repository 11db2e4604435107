package dev.arbiter.core.webhook;

import java.util.Map;

/**
 * What one notification says, before it is put in a kind's JSON: the topic, the subject (an alert id
 * or an approval's trace id; one notification per webhook and subject), a title, a line of text and
 * named facts (agent, rule, action, …) in their order.
 */
public record Notice(WebhookTopic topic, String subject, String title, String text, Map<String, String> facts) {
}
