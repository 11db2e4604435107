package dev.arbiter.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON {@code detail} of an audit entry from name/value pairs, in the order given. */
public final class AuditDetail {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditDetail() {
    }

    /** {@code of("reason", r, "scope", s)}: pairs of name and value; null values are kept as null. */
    public static String of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("detail is not serialisable: " + e.getMessage(), e);
        }
    }
}
