package dev.arbiter.core.erasure;

import dev.arbiter.core.audit.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * SQL erasing the copies of personal fields the escalation queue keeps for a reviewer ({@code input_summary},
 * {@code reasoning}, {@code context} of table {@code escalation}), for the traces whose ledger entries were
 * erased. The row gets a new revision so that every open queue view reloads it.
 */
final class EscalationPersonalStore {

    private EscalationPersonalStore() {
    }

    /** Replaces the personal columns of the escalations of {@code traceIds} by {@link PersonalData#ERASED}. */
    static int erase(Connection c, Collection<String> traceIds) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE escalation SET input_summary = CASE WHEN input_summary "
                + "IS NULL THEN NULL ELSE ? END, reasoning = CASE WHEN reasoning IS NULL THEN NULL ELSE ? END, "
                + "context = NULL, revision = (SELECT COALESCE(MAX(revision), 0) + 1 FROM escalation) "
                + "WHERE trace_id = ?")) {
            for (String trace : traceIds) {
                ps.setString(1, PersonalData.ERASED);
                ps.setString(2, PersonalData.ERASED);
                ps.setString(3, trace);
                n += ps.executeUpdate();
            }
        }
        return n;
    }
}
