package dev.arbiter.core.incident;

/** A change the incident's state does not allow (a skipped or backward step, a closed incident); nothing changed. */
public final class IncidentRuleException extends IllegalStateException {

    public IncidentRuleException(String message) {
        super(message);
    }
}
