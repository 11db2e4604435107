package dev.arbiter.core.store;

/**
 * The database server wants a password that neither {@code PGPASSWORD} nor
 * {@code ~/.pgpass} gave (or the one given was wrong). The CLI asks for it at
 * the terminal; elsewhere the message says where to put it.
 */
public class PasswordRequiredException extends StoreException {
    public PasswordRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
