package dev.arbiter.core.alert;

/**
 * The seam to the incident register (issue 17), which is built separately: the desktop and CLI offer
 * "open an incident from this alert" when one is wired into {@link AlertService#incidentOpener}. An
 * implementation opens the incident with the alert's id, agent and evidence seq range
 * ({@link Alert#firstSeq()}..{@link Alert#lastSeq()}) and returns the incident's reference, which
 * {@link AlertService} stores on the alert (so metrics count incidents opened from alerts).
 */
@FunctionalInterface
public interface IncidentOpener {

    /** Opens an incident for {@code alert} by {@code actor}; returns its reference (e.g. {@code INC-0042}). */
    String open(Alert alert, String actor);
}
