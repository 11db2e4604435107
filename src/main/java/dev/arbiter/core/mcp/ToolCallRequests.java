package dev.arbiter.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.core.audit.TextCut;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.RequestProblem;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.ArgumentPath;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.McpToolRule;
import dev.arbiter.core.policy.McpTools;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an MCP {@code tools/call} into the {@link DecisionRequest} the
 * decision engine decides, by the policy's {@code mcp_tools} rule for the
 * tool: the action, the risk context read from the arguments
 * ({@code amount_usd}, {@code data_classes}, {@code target}, {@code reversible};
 * other keys are recorded only), and a masked, bounded summary of the
 * arguments. Server annotations may only raise risk ({@link ToolHints}).
 */
public final class ToolCallRequests {

    /** Context keys that feed the risk score; any other key is recorded only. */
    public static final String AMOUNT = "amount_usd";
    public static final String DATA_CLASSES = "data_classes";
    public static final String TARGET = "target";
    public static final String REVERSIBLE = "reversible";
    private static final int MAX_CONTEXT_STRING = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String amountFrom = null;
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
                        amountFrom = where;
                    }
                    case DATA_CLASSES -> {
                        for (JsonNode item : value.isArray() ? value : List.of(value)) {
                            DataClass.parse(item.asText()).ifPresent(classes::add);
                        }
                    }
                    case TARGET -> target = value.isTextual() ? value.asText() : value.toString();
                    case REVERSIBLE -> {
                        if (!value.isBoolean()) {
                            return new ToolCallReading.Undecidable("reversible must be true or false, not "
                                    + describe(value) + where);
                        }
                        reversible = value.asBoolean();
                    }
                    default -> { }
                }
                boolean masked = rule.sensitive().contains(entry.getValue())
                        || (entry.getValue().lastField() != null && mcp.masks(entry.getValue().lastField()));
                recorded.set(key, masked ? TextNode.valueOf(ArgumentSummary.MASK) : cut(value));
            }
        }
        if (hints.destructive()) {
            reversible = Boolean.FALSE; // raise, never lower: a destructive tool is scored as irreversible
        }
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.put("mcp_tool", tool);
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
        DecisionRequest request = new DecisionRequest(agentId, sessionId, mcp.actionFor(tool),
                ArgumentSummary.of(tool, arguments, mcp), null, null, List.of(tool), null, target, amount, classes,
                reversible, null, contextJson);
        // the gateway's own limits on what an argument fed (a number too large to be a real amount, one that
        // reads as infinity): refused as POST /v1/actions refuses it, never decided on a number it is not
        Optional<RequestProblem> problem = RequestValidator.problemWith(request)
                .filter(p -> p.field().equals("context." + AMOUNT));
        if (problem.isPresent()) {
            return new ToolCallReading.Undecidable(problem.get().message().replace("context." + AMOUNT, "the amount")
                    + amountFrom);
        }
        return new ToolCallReading.Decidable(request);
    }

    private static Optional<Double> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.asDouble()); // may be infinite (1e400): the gateway's limits refuse it
        }
        if (value.isTextual()) {
            try {
                // "1e400", "Infinity", "NaN": read, then refused by the gateway's limits with their own words
                return Optional.of(Double.parseDouble(value.asText().strip()));
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
