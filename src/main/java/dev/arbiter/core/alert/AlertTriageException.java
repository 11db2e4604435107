package dev.arbiter.core.alert;

/** A triage that cannot be done: unknown alert, already triaged (by whom and when), or no note. */
public final class AlertTriageException extends RuntimeException {

    public AlertTriageException(String message) {
        super(message);
    }
}
