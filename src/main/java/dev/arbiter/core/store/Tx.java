package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One write transaction on the single writer connection. Work that must only
 * happen once the data is durable (publishing events, moving the ledger's head
 * anchor) is registered with {@link #afterCommit(Runnable)}; work that must be
 * in the transaction but only once everything else in it ran (writing what a
 * batch of decisions gathered) with {@link #beforeCommit(SqlWork)}. What such work gathers in memory under a
 * savepoint is undone with it ({@link #onRollback}), so a rolled-back savepoint leaves neither rows nor counts.
 */
public final class Tx {
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<SqlWork<?>> beforeCommit = new ArrayList<>();
    private final Map<Class<?>, Object> state = new HashMap<>();
    /** What to undo in memory if a savepoint taken before it is rolled back, oldest first. */
    private final List<Runnable> undo = new ArrayList<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /**
     * Runs {@code work} in this transaction after the caller's work and before COMMIT, in the order registered
     * (work registered meanwhile runs too). If it throws, the whole transaction is rolled back and the write fails.
     */
    public void beforeCommit(SqlWork<?> work) {
        beforeCommit.add(work);
    }

    /**
     * This transaction's one {@code type} value, made by {@code create} on first use: what a feature gathers
     * over the transaction's work (the rate events of a batch of decisions). Dropped with the transaction,
     * committed or not, so a rolled-back write leaves nothing behind in memory either.
     */
    public <T> T state(Class<T> type, Supplier<? extends T> create) {
        return type.cast(state.computeIfAbsent(type, t -> create.get()));
    }

    /** A savepoint of this transaction and how much in-memory work had been registered to undo before it. */
    public record Mark(Savepoint savepoint, int undoBefore) {
    }

    /** Sets a savepoint; roll back to it with {@link #rollback(Mark)}, so that memory follows the rows. */
    public Mark setSavepoint() throws SQLException {
        return new Mark(connection.setSavepoint(), undo.size());
    }

    /** Releases the savepoint: its work stays (and is still undone if the whole transaction rolls back). */
    public void release(Mark mark) throws SQLException {
        connection.releaseSavepoint(mark.savepoint());
    }

    /**
     * Rolls back to the savepoint and undoes, newest first, what was registered with {@link #onRollback} since:
     * the rows it wrote are gone, so must be what {@link #state} gathered about them (a claim's rate events).
     */
    public void rollback(Mark mark) throws SQLException {
        try {
            connection.rollback(mark.savepoint());
        } finally {
            for (int i = undo.size() - 1; i >= mark.undoBefore(); i--) {
                undo.remove(i).run();
            }
        }
    }

    /**
     * Undoes in-memory work done in this transaction ({@code action}) if a savepoint set before it is rolled back.
     * A whole transaction's rollback drops its {@link #state} anyway, so this is only for savepoints.
     */
    public void onRollback(Runnable action) {
        undo.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    /** The {@link #beforeCommit} work, by the database just before it commits. */
    void beforeCommitting() throws SQLException {
        for (int i = 0; i < beforeCommit.size(); i++) {
            beforeCommit.get(i).run(connection);
        }
    }
}
