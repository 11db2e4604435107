package dev.arbiter.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What opening an incident takes.
 *
 * @param title          what happened, in a line (required, at most 200 characters)
 * @param severity       the team's triage
 * @param agents         the agents involved (ids; each must be registered), may be empty
 * @param range          the ledger range involved, if known
 * @param entries        single ledger seqs picked as involved (e.g. from the Audit Log), may be empty
 * @param sourceAlert    the alert it was opened from, or null
 * @param detectedAt     when the organisation became aware (the Art. 73 clocks start here); null means now
 * @param classification the EU AI Act classification, {@link SeriousIncidentClass#UNASSESSED} if not decided
 */
public record NewIncident(String title, Severity severity, List<String> agents, Optional<LedgerRange> range,
                          List<Long> entries, String sourceAlert, Instant detectedAt,
                          SeriousIncidentClass classification) {

    public static final int MAX_TITLE = 200;

    public NewIncident {
        title = title == null ? "" : title.strip();
        agents = agents == null ? List.of() : List.copyOf(agents);
        range = range == null ? Optional.empty() : range;
        entries = entries == null ? List.of() : List.copyOf(entries);
        sourceAlert = sourceAlert == null || sourceAlert.isBlank() ? null : sourceAlert.strip();
        classification = classification == null ? SeriousIncidentClass.UNASSESSED : classification;
        severity = severity == null ? Severity.MEDIUM : severity;
    }

    /** A plain incident: a title, a severity and its agents, detected now, not yet classified. */
    public static NewIncident of(String title, Severity severity, List<String> agents) {
        return new NewIncident(title, severity, agents, Optional.empty(), List.of(), null, null, null);
    }

    public NewIncident withRange(LedgerRange r) {
        return new NewIncident(title, severity, agents, Optional.of(r), entries, sourceAlert, detectedAt,
                classification);
    }

    public NewIncident withEntries(List<Long> seqs) {
        return new NewIncident(title, severity, agents, range, seqs, sourceAlert, detectedAt, classification);
    }

    public NewIncident withSourceAlert(String alertId) {
        return new NewIncident(title, severity, agents, range, entries, alertId, detectedAt, classification);
    }

    public NewIncident detectedAt(Instant at) {
        return new NewIncident(title, severity, agents, range, entries, sourceAlert, at, classification);
    }

    public NewIncident classified(SeriousIncidentClass c) {
        return new NewIncident(title, severity, agents, range, entries, sourceAlert, detectedAt, c);
    }
}
