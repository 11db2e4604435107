package dev.arbiter.core.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/**
 * Who a decision is about, in the GDPR sense (Art. 4(1) "data subject"): the {@code subject_id} member of the
 * agent's {@code context} object (a customer number, an e-mail address), or, for an MCP tool call, the tool
 * argument recorded as {@code context.arguments.subject_id} (a policy maps it with
 * {@code mcp_tools.<tool>.context.subject_id: <argument path>}). A string or a number (any spelling of one value
 * is one subject); anything else, or a blank string, names nobody.
 */
public final class DataSubject {

    /** The context key naming the data subject. */
    public static final String KEY = "subject_id";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int PLAIN_DIGITS = 64;

    private DataSubject() {
    }

    /** The subject named in a context object's JSON text, or null. */
    public static String of(String contextJson) {
        if (contextJson == null) {
            return null;
        }
        try {
            // always parsed: a prefilter on the raw text misses a key spelled "\u0073ubject_id"
            return of(JSON.readTree(contextJson));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The subject named in a parsed context object, or null. Parse with {@link #parse} (floats as BigDecimal, so a
     * long number keeps its digits).
     */
    public static String of(JsonNode context) {
        if (context == null) {
            return null;
        }
        String direct = text(context.get(KEY));
        return direct != null ? direct : text(context.path("arguments").get(KEY));
    }

    /** The context's JSON text parsed once for {@link #of(JsonNode)} and masking; null when it is null or not JSON. */
    static JsonNode parse(String contextJson) {
        if (contextJson == null) {
            return null;
        }
        try {
            return JSON.readTree(contextJson);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * A string as sent; a number in its shortest plain decimal form, so that {@code 42}, {@code 42.0},
     * {@code 4.2e1} and {@code "42"} name one subject (scientific form beyond {@value #PLAIN_DIGITS} digits).
     */
    private static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isBlank()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        BigDecimal n = node.decimalValue().stripTrailingZeros();
        String plain = n.toPlainString();
        return plain.length() <= PLAIN_DIGITS ? plain : n.toString();
    }
}
