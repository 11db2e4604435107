package dev.arbiter.desktop.common;

/**
 * Handed to a screen's failure callback when its save hit an offline team
 * database: the save is kept and goes through when the database is back
 * ({@link Background}). The screen keeps what the user typed, as on any failure.
 */
public final class SavePendingException extends RuntimeException {

    public SavePendingException(Throwable cause) {
        super("The database is offline: not done yet. What you entered stays here; Arbiter keeps this step and "
                + "runs it when the database is back (the banner at the top says when).", cause);
    }
}
