package dev.arbiter.core.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The parts of an agent's {@code context} object that risk scoring reads, read
 * back from the JSON text a queued item keeps: what a reviewer sees as the
 * amount, the data touched and whether the action can be undone. Anything
 * missing or unreadable is null (or empty): the gateway validated the context
 * when it came in, so an unreadable one only means an item written by hand.
 */
public record ActionContext(Double amountUsd, Set<DataClass> dataClasses, Boolean reversible) {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final ActionContext NONE = new ActionContext(null, Set.of(), null);

    public ActionContext {
        dataClasses = dataClasses == null ? Set.of() : Set.copyOf(dataClasses);
    }

    public static ActionContext parse(String contextJson) {
        if (contextJson == null || contextJson.isBlank()) {
            return NONE;
        }
        JsonNode context;
        try {
            context = JSON.readTree(contextJson);
        } catch (IOException e) {
            return NONE;
        }
        if (context == null || !context.isObject()) {
            return NONE;
        }
        JsonNode amount = context.get("amount_usd");
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        JsonNode data = context.get("data_classes");
        if (data != null && data.isArray()) {
            data.forEach(c -> DataClass.parse(c.asText()).ifPresent(classes::add));
        }
        JsonNode reversible = context.get("reversible");
        return new ActionContext(amount != null && amount.isNumber() ? amount.doubleValue() : null, classes,
                reversible != null && reversible.isBoolean() ? reversible.booleanValue() : null);
    }
}
