package dev.arbiter.core.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A {@link Notice} as the JSON body a webhook of each kind accepts:
 * <ul>
 * <li>Slack incoming webhook: {@code text} (mrkdwn, the fallback every client shows) and one
 *     {@code section} block with the facts as fields (Slack: "Sending messages using incoming webhooks",
 *     Block Kit section block, at most 10 fields);</li>
 * <li>Microsoft Teams incoming webhook: a legacy actionable {@code MessageCard} with {@code summary},
 *     {@code title}, {@code text} and one section of {@code facts} (the card incoming webhooks accept);</li>
 * <li>generic: {@code topic}, {@code subject}, {@code title}, {@code text} and {@code facts} as an object.</li>
 * </ul>
 */
public final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack refuses a section with more than 10 fields. */
    static final int SLACK_MAX_FIELDS = 10;

    private WebhookPayload() {
    }

    public static String render(WebhookKind kind, Notice n) {
        ObjectNode root = JSON.createObjectNode();
        switch (kind) {
            case SLACK -> {
                root.put("text", "*" + slack(n.title()) + "*\n" + slack(n.text()));
                ArrayNode blocks = root.putArray("blocks");
                ObjectNode section = blocks.addObject().put("type", "section");
                section.putObject("text").put("type", "mrkdwn").put("text", "*" + slack(n.title()) + "*\n"
                        + slack(n.text()));
                if (!n.facts().isEmpty()) {
                    ArrayNode fields = section.putArray("fields");
                    n.facts().entrySet().stream().limit(SLACK_MAX_FIELDS).forEach(f -> fields.addObject()
                            .put("type", "mrkdwn").put("text", "*" + slack(f.getKey()) + "*\n" + slack(f.getValue())));
                }
            }
            case TEAMS -> {
                root.put("@type", "MessageCard").put("@context", "https://schema.org/extensions")
                        .put("summary", n.title()).put("title", n.title()).put("text", n.text());
                ArrayNode facts = root.putArray("sections").addObject().putArray("facts");
                for (Map.Entry<String, String> f : n.facts().entrySet()) {
                    facts.addObject().put("name", f.getKey()).put("value", f.getValue());
                }
            }
            case GENERIC -> {
                root.put("topic", n.topic().key()).put("subject", n.subject()).put("title", n.title())
                        .put("text", n.text());
                ObjectNode facts = root.putObject("facts");
                n.facts().forEach(facts::put);
            }
        }
        return root.toString();
    }

    /** Slack's three control characters escaped (its "Escaping text" rule), so data never becomes markup. */
    private static String slack(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
