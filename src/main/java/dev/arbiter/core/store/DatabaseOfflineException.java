package dev.arbiter.core.store;

/**
 * The database server could not be reached (team mode): nothing was read or
 * written — a write that fails this way was rolled back or never began, so
 * the same write may be tried again. Callers fail closed — a gateway answers
 * 503, never an unaudited allow; the desktop keeps the step and runs it again
 * on reconnect — and the pool reconnects by itself once the server is back.
 */
public class DatabaseOfflineException extends StoreException {

    public DatabaseOfflineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code failure} or one of its causes is this exception. */
    public static boolean among(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseOfflineException) {
                return true;
            }
        }
        return false;
    }
}
