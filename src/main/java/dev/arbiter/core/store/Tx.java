package dev.arbiter.core.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction on the single writer connection. Work that must only
 * happen once the data is durable (publishing events, moving the ledger's head
 * anchor) is registered with {@link #afterCommit(Runnable)}.
 */
public final class Tx {
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
