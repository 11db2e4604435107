package dev.arbiter.core.incident;

/** No incident has this id. */
public final class UnknownIncidentException extends IllegalArgumentException {

    public UnknownIncidentException(long id) {
        super("No incident " + id + " (arbiter incident list shows them)");
    }
}
