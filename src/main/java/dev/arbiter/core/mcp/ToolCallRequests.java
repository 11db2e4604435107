package dev.arbiter.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.core.audit.TextCut;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.ArgumentPath;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.HostPort;
import dev.arbiter.core.policy.McpToolRule;
import dev.arbiter.core.policy.McpTools;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an MCP {@code tools/call} into the {@link DecisionRequest} the
 * decision engine decides, by the policy's {@code mcp_tools} rule for the
 * tool: the action, the risk context read from the arguments
 * ({@code amount_usd}, {@code data_classes}, {@code target}, {@code reversible};
 * other keys are recorded only), and a masked, bounded summary of the
 * arguments. Server annotations may only raise risk ({@link ToolHints}).
 * Values are checked as the gateway checks its {@code context} and
 * {@code target} ({@link RequestValidator}: an amount above 10^12 or not
 * finite, a data class that names none, an unreadable or over-long target
 * make the call undecidable), and the values risk scoring read are recorded
 * at the top of the decision's context, where a replay reads them.
 */
public final class ToolCallRequests {

    /** Context keys that feed the risk score; any other key is recorded only. */
    public static final String AMOUNT = "amount_usd";
    public static final String DATA_CLASSES = "data_classes";
    public static final String TARGET = "target";
    public static final String REVERSIBLE = "reversible";
    private static final int MAX_CONTEXT_STRING = 256;
    /** The gateway's limit on {@code target} (it reaches the ledger whole). */
    private static final int MAX_TARGET = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A string amount is read only if it holds a JSON number (RFC 8259 section 6) with JSON's own blanks around it,
     * the one spelling the gateway's {@code context.amount_usd} accepts; Java's own number reader would also take
     * hex ("0x1p10"), "d"/"f" suffixes, "+5" and other blanks.
     */
    private static final Pattern JSON_NUMBER = Pattern.compile(
            "[ \\t\\n\\r]*-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?[ \\t\\n\\r]*");

    private ToolCallRequests() {
    }

    /**
     * Reads a call of {@code tool} with {@code arguments} (a JSON object) by
     * {@code agentId} under {@code mcp}.
     *
     * @param sessionId the MCP session, recorded with the decision; may be null
     */
    public static ToolCallReading read(String agentId, String sessionId, String tool, JsonNode arguments,
                                       ToolHints hints, McpTools mcp) {
        McpToolRule rule = mcp.ruleFor(tool);
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        Double amount = null;
        String target = null;
        Boolean reversible = null;
        boolean amountMasked = false;
        ObjectNode recorded = JsonNodeFactory.instance.objectNode();
        if (rule != null) {
            classes.addAll(rule.dataClasses());
            for (Map.Entry<String, ArgumentPath> entry : rule.context().entrySet()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue().in(arguments);
                if (value.isMissingNode() || value.isNull()) {
                    continue;
                }
                String where = " (argument " + entry.getValue() + ", read by mcp_tools." + tool + ".context." + key
                        + ")";
                switch (key) {
                    case AMOUNT -> {
                        Optional<Double> usd = number(value);
                        if (usd.isEmpty()) {
                            return new ToolCallReading.Undecidable("the amount must be a number, not "
                                    + describe(value) + where);
                        }
                        amount = Math.abs(usd.get()); // money moved either way is at risk
                        if (amount > RequestValidator.MAX_USD) {
                            // the gateway's limit (context.amount_usd): 1e400 reads as infinity, never as a figure
                            return new ToolCallReading.Undecidable("the amount must be at most " + String.format(
                                    Locale.ROOT, "%,.0f", RequestValidator.MAX_USD) + " US dollars, not "
                                    + describe(value) + where);
                        }
                        amountMasked = masked(rule, mcp, entry.getValue());
                    }
                    case DATA_CLASSES -> {
                        for (JsonNode item : value.isArray() ? value : List.of(value)) {
                            // as the gateway's context.data_classes: a spelling that names no class is refused,
                            // never dropped, or a call carrying "PII\u200b" would be scored as carrying none
                            Optional<DataClass> c = item.isTextual() ? DataClass.parse(item.textValue())
                                    : Optional.empty();
                            if (c.isEmpty()) {
                                return new ToolCallReading.Undecidable("data_classes holds " + describe(item)
                                        + "; use PII, PHI, Financial or Public" + where);
                            }
                            classes.add(c.get());
                        }
                    }
                    case TARGET -> {
                        target = value.isTextual() ? value.asText() : value.toString();
                        if (target.length() > MAX_TARGET) {
                            return new ToolCallReading.Undecidable("the target is longer than " + MAX_TARGET
                                    + " characters" + where);
                        }
                        if (HostPort.read(target) instanceof HostPort.Refused refused) {
                            return new ToolCallReading.Undecidable("target " + refused.message() + where);
                        }
                    }
                    case REVERSIBLE -> {
                        if (!value.isBoolean()) {
                            return new ToolCallReading.Undecidable("reversible must be true or false, not "
                                    + describe(value) + where);
                        }
                        reversible = value.asBoolean();
                    }
                    default -> { }
                }
                recorded.set(key, masked(rule, mcp, entry.getValue()) ? TextNode.valueOf(ArgumentSummary.MASK)
                        : cut(value));
            }
        }
        if (hints.destructive()) {
            reversible = Boolean.FALSE; // raise, never lower: a destructive tool is scored as irreversible
        }
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.put("mcp_tool", tool);
        // What risk scoring reads, where a replay (core.policyqa) reads it, as the gateway's context holds it;
        // an amount the policy masks is left out (the replay of that entry then cannot know it).
        if (amount != null && !amountMasked) {
            context.put(AMOUNT, amount);
        }
        if (!classes.isEmpty()) {
            var list = context.putArray(DATA_CLASSES);
            classes.forEach(c -> list.add(c.toString()));
        }
        if (reversible != null) {
            context.put(REVERSIBLE, reversible);
        }
        if (!recorded.isEmpty()) {
            context.set("arguments", recorded);
        }
        if (hints.destructive() || hints.readOnly()) {
            ObjectNode annotations = context.putObject("annotations");
            annotations.put("destructiveHint", hints.destructive());
            annotations.put("readOnlyHint", hints.readOnly());
        }
        String contextJson;
        try {
            contextJson = JSON.writeValueAsString(context);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            contextJson = null; // a tree we built ourselves always writes
        }
        return new ToolCallReading.Decidable(new DecisionRequest(agentId, sessionId, mcp.actionFor(tool),
                ArgumentSummary.of(tool, arguments, mcp), null, null, List.of(tool), null, target, amount, classes,
                reversible, null, contextJson));
    }

    private static boolean masked(McpToolRule rule, McpTools mcp, ArgumentPath path) {
        return rule.sensitive().contains(path) || (path.lastField() != null && mcp.masks(path.lastField()));
    }

    private static Optional<Double> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        if (value.isTextual()) {
            if (!JSON_NUMBER.matcher(value.textValue()).matches()) {
                return Optional.empty(); // "0x1p10", "12d", "+5", "Infinity": spellings the gateway refuses
            }
            try {
                double d = Double.parseDouble(value.textValue());
                // "1e309" and "Infinity" read as infinity, refused by the limit below like the number 1e309; NaN is no figure
                return Double.isNaN(d) ? Optional.empty() : Optional.of(d);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static JsonNode cut(JsonNode value) {
        if (value.isTextual() && value.asText().length() > MAX_CONTEXT_STRING) {
            return TextNode.valueOf(TextCut.prefix(value.asText(), MAX_CONTEXT_STRING) + "…");
        }
        if (value.isContainerNode()) {
            String text = value.toString();
            return text.length() > MAX_CONTEXT_STRING ? TextNode.valueOf(TextCut.prefix(text, MAX_CONTEXT_STRING) + "…")
                    : value;
        }
        return value;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? TextCut.prefix(text, 60) + "…" : text;
    }
}
