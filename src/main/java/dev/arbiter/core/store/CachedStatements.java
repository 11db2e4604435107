package dev.arbiter.core.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the prepared statements of one connection compiled between uses: {@code prepareStatement(sql)} hands
 * out the statement compiled for that text the last time, and {@code close()} on it resets it (its result set
 * closed, its parameters and batch cleared) instead of finalizing it.
 *
 * <p>Why: the SQLite writer commits every decision with the same dozen statements (the ledger's insert and
 * chain head, the counters' upsert, the outcome claim), and compiling them again on every commit was the
 * largest part of the writer's CPU time (a JFR profile of the decision path, issue 15: {@code
 * NativeDB.prepare} 39 % of the writer thread). Neither sqlite-jdbc (xerial/sqlite-jdbc#614, open) nor
 * HikariCP (which leaves it to drivers) caches statements; PostgreSQL's driver does (server-side prepared
 * statements per connection), so only the SQLite store wraps its writer with this.
 *
 * <p>Rules: only {@code prepareStatement(String)} is cached (other forms, plain statements and everything else
 * go to the connection as they are). A text whose statement is in use (the same query nested in its own loop)
 * gets a statement of its own that is really closed on {@code close()}. At most {@code capacity} texts are
 * kept, the least recently used finalized first, so text built per call (an {@code IN} list of varying
 * length) cannot grow the cache. Closing the connection finalizes every kept statement first. Not
 * thread-safe: the store uses one writer connection under one lock ({@link SqliteDatabase}).
 */
final class CachedStatements implements InvocationHandler {

    private final Connection connection;
    private final int capacity;
    /** Idle or in-use statements by their SQL text, least recently used first. */
    private final LinkedHashMap<String, Kept> kept;

    /** A compiled statement and whether a caller holds it now. */
    private static final class Kept {
        final String sql;
        final PreparedStatement statement;
        boolean inUse;
        /** Evicted while in use: finalized when its caller closes it. */
        boolean evicted;

        Kept(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }
    }

    private CachedStatements(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.kept = new LinkedHashMap<>(capacity * 2, 0.75f, true);
    }

    /**
     * {@code connection} with its prepared statements kept compiled.
     *
     * @param capacity how many SQL texts are kept at most (&gt; 0)
     */
    static Connection wrap(Connection connection, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return (Connection) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new CachedStatements(connection, capacity));
    }

    /** How many statements are kept compiled now (for tests). */
    static int size(Connection wrapped) {
        return ((CachedStatements) Proxy.getInvocationHandler(wrapped)).kept.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
            return borrow(sql);
        }
        if (name.equals("close") && (args == null || args.length == 0)) {
            finalizeAll();
        }
        if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (name.equals("hashCode") && (args == null || args.length == 0)) {
            return System.identityHashCode(proxy);
        }
        return call(connection, method, args);
    }

    private PreparedStatement borrow(String sql) throws SQLException {
        Kept k = kept.get(sql);
        if (k != null && k.inUse) {
            return connection.prepareStatement(sql); // nested use of the same text: one of its own, closed for real
        }
        if (k == null) {
            k = new Kept(sql, connection.prepareStatement(sql));
            kept.put(sql, k);
            evictBeyondCapacity();
        }
        k.inUse = true;
        Kept lent = k;
        return (PreparedStatement) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new Lent(lent));
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, Kept>> oldest = kept.entrySet().iterator();
        while (kept.size() > capacity && oldest.hasNext()) {
            Kept k = oldest.next().getValue();
            oldest.remove();
            if (k.inUse) {
                k.evicted = true;
            } else {
                closeQuietly(k.statement);
            }
        }
    }

    private void finalizeAll() {
        List<Kept> all = new ArrayList<>(kept.values());
        kept.clear();
        for (Kept k : all) {
            closeQuietly(k.statement);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the connection is going or gone; nothing is left to release
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The statement as one caller holds it: {@code close()} hands it back reset, once. */
    private final class Lent implements InvocationHandler {
        private final Kept k;
        private boolean returned;
        /** The result sets it gave this caller, closed when it is handed back (closing one resets the statement). */
        private final List<ResultSet> results = new ArrayList<>(1);

        Lent(Kept k) {
            this.k = k;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean noArgs = args == null || args.length == 0;
            if (name.equals("close") && noArgs) {
                giveBack();
                return null;
            }
            if (name.equals("isClosed") && noArgs) {
                return returned || k.statement.isClosed();
            }
            if (name.equals("equals") && args != null && args.length == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && noArgs) {
                return System.identityHashCode(proxy);
            }
            if (returned) {
                throw new SQLException("The statement is closed");
            }
            Object result = call(k.statement, method, args);
            if (result instanceof ResultSet rs) {
                results.add(rs);
            }
            return result;
        }

        private void giveBack() throws SQLException {
            if (returned) {
                return;
            }
            returned = true;
            k.inUse = false;
            if (k.evicted || k.statement.isClosed()) {
                k.statement.close();
                return;
            }
            try {
                for (ResultSet rs : results) {
                    rs.close(); // resets the statement: it holds no read snapshot while it waits
                }
                results.clear();
                k.statement.clearBatch();
                k.statement.clearParameters();
            } catch (SQLException e) {
                // a statement that cannot be reset is not lent again
                kept.remove(k.sql, k);
                k.statement.close();
                throw e;
            }
        }
    }
}
