package dev.arbiter.core.alert;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alerts for the faces: list, count, triage (true or false positive with a note, audited as
 * {@code alert.triaged}; the first triage wins across processes) and the incident seam.
 */
public final class AlertService {

    /** A note is required and kept short enough for a table cell and a ledger entry. */
    public static final int MAX_NOTE = 2_000;

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private volatile IncidentOpener incidentOpener;

    public AlertService(Database database, AuditLedger ledger, Events events, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** Newest first, at most {@code limit}; {@code openOnly} for those waiting for triage. */
    public List<Alert> list(boolean openOnly, int limit) {
        return database.read(c -> AlertStore.list(c, openOnly, limit));
    }

    public Optional<Alert> find(String id) {
        return database.read(c -> AlertStore.find(c, id));
    }

    /** Alerts waiting for triage (the desktop's badge). */
    public int openCount() {
        return database.read(AlertStore::countOpen);
    }

    /** Alerts raised in {@code [from, to)}, oldest first. */
    public List<Alert> raisedBetween(Instant from, Instant to) {
        return database.read(c -> AlertStore.raisedBetween(c, from, to));
    }

    /**
     * Triages alert {@code id} as {@link AlertStatus#TRUE_POSITIVE} or {@link AlertStatus#FALSE_POSITIVE}.
     * Throws {@link AlertTriageException} for an unknown id, a missing or over-long note, or an alert
     * already triaged (saying by whom and when).
     */
    public Alert triage(String id, AlertStatus verdict, String note, String actor) {
        if (verdict == AlertStatus.OPEN) {
            throw new AlertTriageException("Triage an alert as true_positive or false_positive.");
        }
        String clean = note == null ? "" : note.strip();
        if (clean.isEmpty()) {
            throw new AlertTriageException("A note is required: say why the alert is a "
                    + (verdict == AlertStatus.TRUE_POSITIVE ? "true" : "false") + " positive.");
        }
        if (clean.length() > MAX_NOTE) {
            throw new AlertTriageException("The note is " + clean.length() + " characters; at most " + MAX_NOTE + ".");
        }
        Instant at = clock.instant();
        Alert triaged = database.write(tx -> {
            Alert alert = AlertStore.find(tx.connection(), id).orElseThrow(() ->
                    new AlertTriageException("No alert " + id + "; `arbiter alert list` shows the open ones."));
            if (!AlertStore.triage(tx.connection(), id, verdict, actor, at, clean)) {
                throw new AlertTriageException("Alert " + id + " was already triaged as "
                        + alert.status().key().replace('_', ' ') + " by " + alert.triagedBy() + " at "
                        + AuditTime.format(alert.triagedAt()) + ".");
            }
            ledger.appendWithin(tx, AuditEntry.of("alert.triaged").agentId(alert.agentId()).actor(actor)
                    .humanOverride(true).reasonCode(alert.rule().key())
                    .detail(AuditDetail.of("alert", id, "rule", alert.rule().key(), "verdict", verdict.key(),
                            "note", clean, "raised_at", AuditTime.format(alert.raisedAt()),
                            "time_to_acknowledge_ms", Math.max(0, at.toEpochMilli() - alert.raisedAt().toEpochMilli())))
                    .build());
            return AlertStore.find(tx.connection(), id).orElseThrow();
        });
        events.publish(new AlertTriaged(triaged));
        return triaged;
    }

    /** The incident register's seam; null until one is wired (issue 17). */
    public IncidentOpener incidentOpener() {
        return incidentOpener;
    }

    public void setIncidentOpener(IncidentOpener opener) {
        this.incidentOpener = opener;
    }

    /**
     * Opens an incident from alert {@code id} through the wired {@link IncidentOpener} and records its
     * reference on the alert (audited as {@code alert.incident_opened}). Throws
     * {@link AlertTriageException} when no register is wired or the alert is unknown.
     */
    public String openIncident(String id, String actor) {
        IncidentOpener opener = incidentOpener;
        if (opener == null) {
            throw new AlertTriageException("This Arbiter has no incident register yet.");
        }
        Alert alert = find(id).orElseThrow(() -> new AlertTriageException("No alert " + id + "."));
        String ref = opener.open(alert, actor);
        database.write(tx -> {
            AlertStore.linkIncident(tx.connection(), id, ref);
            ledger.appendWithin(tx, AuditEntry.of("alert.incident_opened").agentId(alert.agentId()).actor(actor)
                    .detail(AuditDetail.of("alert", id, "incident", ref)).build());
            return null;
        });
        return ref;
    }
}
