package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work against a read connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
