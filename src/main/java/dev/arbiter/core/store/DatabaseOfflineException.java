package dev.arbiter.core.store;

/**
 * The database server could not be reached (team mode): nothing was read or
 * written. Callers fail closed — a gateway answers 503, never an unaudited
 * allow — and the pool reconnects by itself once the server is back.
 */
public class DatabaseOfflineException extends StoreException {
    public DatabaseOfflineException(String message, Throwable cause) {
        super(message, cause);
    }
}
