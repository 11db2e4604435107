package dev.arbiter.core.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How assessment values sit in their columns: lists of names as JSON arrays in text columns, optional ratings
 * as nullable integers, timestamps as {@link AuditTime} text.
 */
final class AssessmentColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private AssessmentColumns() {
    }

    /** Binds {@code value} at {@code index}, SQL NULL when it is null. */
    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** The integer at {@code index}, null for SQL NULL (not 0). */
    static Integer nullableInt(ResultSet rs, int index) throws SQLException {
        int v = rs.getInt(index);
        return rs.wasNull() ? null : v;
    }

    /** A stored timestamp, null for none. */
    static Instant instant(String text) {
        return text == null ? null : AuditTime.parse(text);
    }

    /** A list of names as the JSON array the text columns hold. */
    static String json(Collection<String> items) {
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot encode " + items + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of a JSON array column.
     *
     * @throws StoreException when the stored text is not a JSON array of strings
     */
    static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored list is damaged (" + json + "): " + e.getMessage(), e);
        }
    }

    /** The constants of {@code type} named in a JSON array column. */
    static <E extends Enum<E>> Set<E> enums(Class<E> type, String json) {
        Set<E> out = EnumSet.noneOf(type);
        for (String name : strings(json)) {
            out.add(Enum.valueOf(type, name));
        }
        return out;
    }
}
