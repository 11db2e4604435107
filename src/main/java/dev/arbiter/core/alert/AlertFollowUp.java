package dev.arbiter.core.alert;

import dev.arbiter.core.store.Tx;
import java.sql.SQLException;

/**
 * Work that must commit with a raised alert or not at all (its webhook notifications): run by the
 * detector inside the alert's transaction, after the alert's row is inserted.
 */
@FunctionalInterface
public interface AlertFollowUp {

    void within(Tx tx, Alert alert) throws SQLException;
}
