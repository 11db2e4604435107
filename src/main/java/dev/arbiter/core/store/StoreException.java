package dev.arbiter.core.store;

/** A database operation failed; the message says what the store was doing. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
