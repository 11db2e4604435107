package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The few spellings where SQLite and PostgreSQL disagree, for the store
 * classes whose SQL is otherwise portable (upserts with {@code ON CONFLICT},
 * {@code RETURNING}, {@code LIMIT}, {@code COALESCE} mean the same on both).
 * Timestamps are ISO-8601 text on both, so date comparisons are string
 * comparisons everywhere and no date function is needed.
 */
public enum SqlDialect {

    /** The embedded default: one file per workspace. */
    SQLITE {
        @Override
        public String jsonText(String jsonColumn, String field) {
            return "json_extract(" + jsonColumn + ", '$." + field + "')";
        }

        @Override
        public String jsonNumber(String jsonColumn, String field) {
            return jsonText(jsonColumn, field);
        }

        @Override
        public String caseInsensitiveLike() {
            return "LIKE";
        }
    },

    /** Team mode: many processes on one server. */
    POSTGRESQL {
        @Override
        public String jsonText(String jsonColumn, String field) {
            return "((" + jsonColumn + ")::jsonb ->> '" + field + "')";
        }

        @Override
        public String jsonNumber(String jsonColumn, String field) {
            return "(" + jsonText(jsonColumn, field) + ")::numeric";
        }

        @Override
        public String caseInsensitiveLike() {
            return "ILIKE";
        }
    };

    /**
     * An SQL expression for the text of top-level {@code field} of the JSON
     * object held as text in {@code jsonColumn} (itself a column or an
     * expression); NULL when absent. {@code field} is a fixed identifier of
     * ours, never user input.
     */
    public abstract String jsonText(String jsonColumn, String field);

    /** Like {@link #jsonText} but numeric, for sums and comparisons. */
    public abstract String jsonNumber(String jsonColumn, String field);

    /** The operator that matches ASCII letters case-insensitively (SQLite's LIKE does; PostgreSQL's does not). */
    public abstract String caseInsensitiveLike();

    /** The dialect of the database behind {@code connection}. */
    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : SQLITE;
    }
}
