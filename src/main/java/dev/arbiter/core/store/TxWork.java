package dev.arbiter.core.store;

import java.sql.SQLException;

/** A unit of work inside a write transaction. */
@FunctionalInterface
public interface TxWork<T> {
    T run(Tx tx) throws SQLException;
}
