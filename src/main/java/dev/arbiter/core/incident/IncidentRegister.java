package dev.arbiter.core.incident;

import dev.arbiter.core.agent.AgentId;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.RetentionGuard;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The incident register (issue 17; the guide's "Incident Response" dimension): incidents move
 * open → contained → resolved → closed one step at a time; each change is an audit entry written in
 * the same transaction as the change and a timeline line naming that entry. Opening an incident
 * freezes its evidence: the ledger range it names is pinned ({@link #refusal}: retention may not
 * prune it until the incident is closed) and the policy versions in force are recorded.
 *
 * <p>Rules where the issue is silent: closing needs a root cause; a closed incident is locked (also
 * by a V14 trigger); the detection time may not lie in the future (more than a minute of clock skew)
 * because the EU AI Act clocks start there; entries must exist in the ledger when they are added.
 */
public final class IncidentRegister implements RetentionGuard {

    /** How far ahead of this clock a detection time may be (another host's clock). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    public static final int MAX_TEXT = 4000;

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final AgentRegistry agents;
    private final IncidentScope scope;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final IncidentStore store = new IncidentStore();

    public IncidentRegister(Database database, AuditLedger ledger, Events events, AgentRegistry agents,
                            PolicyRegistry policies, KillSwitch killSwitch, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.agents = agents;
        this.scope = new IncidentScope(agents, policies);
        this.killSwitch = killSwitch;
        this.clock = clock;
    }

    // ---- reading

    /** Every incident, newest first. */
    public List<Incident> list() {
        return database.read(store::list);
    }

    /** @throws UnknownIncidentException when there is no such incident */
    public Incident get(long id) {
        return database.read(c -> store.load(c, id)).orElseThrow(() -> new UnknownIncidentException(id));
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Why entries {@code fromSeq}..{@code toSeq} may not be pruned: the incidents not closed whose
     * pinned range meets it. Read from the database, so an incident opened by another process counts.
     */
    @Override
    public Optional<String> refusal(long fromSeq, long toSeq) {
        List<IncidentStore.Pin> pins = database.read(c -> store.activePinsOverlapping(c, fromSeq, toSeq));
        if (pins.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        for (IncidentStore.Pin p : pins) {
            why.append(why.length() == 0 ? "" : "; ").append("incident ").append(p.id()).append(" (")
                    .append(p.title()).append(") freezes ledger entries ").append(p.range());
        }
        return Optional.of(why + " until it is closed");
    }

    // ---- opening

    /**
     * Opens an incident from an alert or by hand: a convenience over {@link #open(NewIncident, String)}.
     *
     * @param sourceAlertId the alert it comes from, or null
     * @param range         the ledger seqs involved (pinned while open), or null
     */
    public Incident open(String title, Severity severity, List<String> agentIds, String sourceAlertId,
                         LedgerRange range, String actor) {
        NewIncident n = NewIncident.of(title, severity, agentIds).withSourceAlert(sourceAlertId);
        return open(range == null ? n : n.withRange(range), actor);
    }

    /**
     * Opens an incident: validates it, pins the range covering its range and entries, records the
     * policy versions in force (of its agents; of every policy when it names none), and writes
     * {@code incident.opened} and the DETECTED line (at the detection time) in one transaction.
     *
     * @throws IllegalArgumentException naming the field: blank or long title, unknown agent, detection in
     *         the future, an entry that is not in the ledger
     */
    public Incident open(NewIncident n, String actor) {
        Instant now = clock.instant();
        requireText("title", n.title(), NewIncident.MAX_TITLE);
        Instant aware = n.detectedAt() == null ? now : n.detectedAt();
        if (aware.isAfter(now.plus(CLOCK_SKEW))) {
            throw new IllegalArgumentException("detected: " + IncidentText.time(aware)
                    + " is in the future; give the time the incident was noticed");
        }
        List<String> agentIds = scope.canonicalAgents(n.agents());
        List<Long> entries = List.copyOf(new TreeSet<>(n.entries()));
        Optional<LedgerRange> pinned = LedgerRange.covering(n.range(), entries);
        List<String> inForce = scope.policiesInForce(agentIds);
        NewIncident clean = new NewIncident(n.title(), n.severity(), agentIds, n.range(), entries, n.sourceAlert(),
                aware, n.classification());
        long id = database.write(tx -> {
            requireEntries(tx, entries, pinned);
            long newId = store.insert(tx.connection(), clean, pinned, inForce, aware, now, actor);
            record(tx, newId, agentIds, actor, "incident.opened",
                    AuditDetail.of("incident", newId, "title", clean.title(), "severity", clean.severity().key(),
                            "agents", agentIds, "pinned", pinned.map(LedgerRange::toString).orElse(null),
                            "entries", entries, "source_alert", clean.sourceAlert(), "policies_in_force", inForce,
                            "classification", clean.classification().key(), "detected_at", aware.toString()),
                    TimelineKind.DETECTED, aware,
                    clean.sourceAlert() == null ? "Opened" : "Opened from alert " + clean.sourceAlert());
            changed(tx, newId);
            return newId;
        });
        return get(id);
    }

    // ---- workflow

    /**
     * Records that someone took the incident on; once, while it is not closed.
     *
     * @throws IncidentRuleException when it was acknowledged already or is closed
     */
    public Incident acknowledge(long id, String note, String actor) {
        return change(id, actor, (tx, current, now) -> {
            if (current.first(TimelineKind.ACKNOWLEDGED).isPresent()) {
                throw new IncidentRuleException("Incident " + id + " was acknowledged already by "
                        + current.first(TimelineKind.ACKNOWLEDGED).get().actor());
            }
            record(tx, id, current.agents(), actor, "incident.acknowledged",
                    AuditDetail.of("incident", id, "note", clean(note)), TimelineKind.ACKNOWLEDGED, now, clean(note));
        });
    }

    /**
     * Moves the incident one step: open → contained → resolved → closed. Closing needs a root cause
     * and releases the pinned range to retention.
     *
     * @throws IncidentRuleException for any other move, or closing without a root cause (nothing changes)
     */
    public Incident move(long id, IncidentStatus target, String note, String actor) {
        return change(id, actor, (tx, current, now) -> {
            if (!current.status().canMoveTo(target)) {
                throw new IncidentRuleException(illegalMove(current, target));
            }
            if (target == IncidentStatus.CLOSED && current.rootCause().isBlank()) {
                throw new IncidentRuleException("Incident " + id + " has no root cause yet: record it (arbiter"
                        + " incident root-cause " + id + " TEXT) before closing");
            }
            store.setStatus(tx.connection(), id, target, now);
            record(tx, id, current.agents(), actor, "incident." + target.key(),
                    AuditDetail.of("incident", id, "from", current.status().key(), "to", target.key(),
                            "note", clean(note)),
                    TimelineKind.valueOf(target.name()), now, clean(note));
        });
    }

    static String illegalMove(Incident current, IncidentStatus target) {
        String where = "Incident " + current.id() + " is " + current.status().key();
        if (current.status() == IncidentStatus.CLOSED) {
            return where + " and locked; open a new incident for new findings";
        }
        if (current.status() == target) {
            return where + " already";
        }
        IncidentStatus next = current.status().next().orElseThrow();
        return where + ": it can only be " + next.key() + " next (" + next.verb() + "), not " + target.key();
    }

    /** Sets or changes the EU AI Act classification; the reporting clock follows it. */
    public Incident classify(long id, SeriousIncidentClass classification, String reason, String actor) {
        return change(id, actor, (tx, current, now) -> {
            store.setClassification(tx.connection(), id, classification, now);
            String note = classification.label() + " (" + classification.source() + ")"
                    + (clean(reason).isEmpty() ? "" : ": " + clean(reason));
            record(tx, id, current.agents(), actor, "incident.classified",
                    AuditDetail.of("incident", id, "from", current.classification().key(), "to", classification.key(),
                            "reason", clean(reason)),
                    TimelineKind.CLASSIFIED, now, note);
        });
    }

    /**
     * Records that the Art. 73 report was sent at {@code sentAt} (null: now).
     *
     * @throws IncidentRuleException when the incident owes no report (not serious) or it was recorded already
     * @throws IllegalArgumentException when {@code sentAt} is in the future or before the incident was detected
     */
    public Incident markReported(long id, Instant sentAt, String reference, String actor) {
        return change(id, actor, (tx, current, now) -> {
            if (current.deadline().isEmpty()) {
                throw new IncidentRuleException("Incident " + id + " is classified '"
                        + current.classification().label() + "': no Art. 73 report is due; classify it first");
            }
            if (current.reportedAt() != null) {
                throw new IncidentRuleException("Incident " + id + " was reported already at "
                        + IncidentText.time(current.reportedAt()));
            }
            Instant at = sentAt == null ? now : sentAt;
            if (at.isAfter(now.plus(CLOCK_SKEW)) || at.isBefore(current.awareAt())) {
                throw new IllegalArgumentException("sent: " + IncidentText.time(at) + " must lie between detection ("
                        + IncidentText.time(current.awareAt()) + ") and now");
            }
            store.setReported(tx.connection(), id, at, now);
            record(tx, id, current.agents(), actor, "incident.reported",
                    AuditDetail.of("incident", id, "sent_at", at.toString(), "reference", clean(reference),
                            "due", current.deadline().get().due().toString()),
                    TimelineKind.REPORTED, at,
                    "Art. 73 report sent" + (clean(reference).isEmpty() ? "" : " (" + clean(reference) + ")"));
        });
    }

    public Incident setRootCause(long id, String text, String actor) {
        requireText("root cause", text, MAX_TEXT);
        return change(id, actor, (tx, current, now) -> {
            store.setRootCause(tx.connection(), id, text.strip(), now);
            record(tx, id, current.agents(), actor, "incident.root_cause",
                    AuditDetail.of("incident", id, "root_cause", text.strip()), TimelineKind.ROOT_CAUSE, now,
                    text.strip());
        });
    }

    public Incident addFollowUp(long id, String text, String actor) {
        requireText("follow-up", text, MAX_TEXT);
        return change(id, actor, (tx, current, now) -> {
            List<String> followUps = new ArrayList<>(current.followUps());
            followUps.add(text.strip());
            store.setFollowUps(tx.connection(), id, followUps, now);
            record(tx, id, current.agents(), actor, "incident.follow_up",
                    AuditDetail.of("incident", id, "follow_up", text.strip()), TimelineKind.FOLLOW_UP, now,
                    text.strip());
        });
    }

    public Incident addNote(long id, String text, String actor) {
        requireText("note", text, MAX_TEXT);
        return change(id, actor, (tx, current, now) -> {
            record(tx, id, current.agents(), actor, "incident.note",
                    AuditDetail.of("incident", id, "note", text.strip()), TimelineKind.NOTE, now, text.strip());
        });
    }

    /**
     * Adds ledger entries (and a range) to the evidence; the pinned range grows to cover them.
     *
     * @throws IllegalArgumentException naming an entry that is not in the ledger
     */
    public Incident addEvidence(long id, List<Long> seqs, LedgerRange range, String actor) {
        return change(id, actor, (tx, current, now) -> {
            TreeSet<Long> all = new TreeSet<>(current.entries());
            all.addAll(seqs);
            List<Long> entries = List.copyOf(all);
            Optional<LedgerRange> base = LedgerRange.covering(current.pinned(), range == null ? List.of()
                    : List.of(range.from(), range.to()));
            Optional<LedgerRange> pinned = LedgerRange.covering(base, entries);
            requireEntries(tx, List.copyOf(new TreeSet<>(seqs)), Optional.ofNullable(range));
            store.setEvidence(tx.connection(), id, entries, pinned, now);
            record(tx, id, current.agents(), actor, "incident.evidence",
                    AuditDetail.of("incident", id, "entries", seqs, "range", range == null ? null : range.toString(),
                            "pinned", pinned.map(LedgerRange::toString).orElse(null)),
                    TimelineKind.EVIDENCE, now, "Pinned " + pinned.map(LedgerRange::toString).orElse("nothing"));
        });
    }

    /**
     * Links an action already taken (kill switch, pause, policy change…) by its audit entry.
     *
     * @throws IllegalArgumentException when there is no entry {@code seq} in the ledger
     */
    public Incident linkAction(long id, long seq, String note, String actor) {
        return change(id, actor, (tx, current, now) -> {
            String event = store.entryEvent(tx.connection(), seq).orElseThrow(() -> new IllegalArgumentException(
                    "entry: there is no ledger entry " + seq + " (arbiter audit export shows the seqs)"));
            recordAction(tx, current, seq, event, note, actor, now);
        });
    }

    /**
     * Takes an action now, from the incident: it runs through the kill switch or the agent registry
     * (audited there as always), then the incident's timeline links that entry.
     *
     * @throws IncidentRuleException when the incident is closed (nothing is done)
     * @throws IllegalArgumentException from the action's own service (unknown agent, blank reason…)
     */
    public Incident takeAction(long id, IncidentAction action, String actor) {
        Incident before = get(id);
        if (!before.status().isActive()) {
            throw new IncidentRuleException(illegalMove(before, IncidentStatus.CLOSED));
        }
        String reason = "incident " + id + ": " + clean(action.reason());
        long headBefore = ledger.headSeq();
        String event;
        String agent;
        if (action instanceof IncidentAction.KillSwitch k) {
            agent = k.agentId() == null || k.agentId().isBlank() ? null : AgentId.canonical(k.agentId());
            killSwitch.engage(agent, reason, actor);
            event = "kill_switch.engaged";
        } else {
            agent = AgentId.canonical(((IncidentAction.PauseAgent) action).agentId());
            agents.pause(agent, reason, actor);
            event = "agent.paused";
        }
        long seq = database.read(c -> store.firstEntryAfter(c, headBefore, event, agent))
                .orElseThrow(() -> new IllegalStateException("The action was taken but its audit entry was not found"
                        + " (link it with arbiter incident link " + id + " SEQ)"));
        return linkAction(id, seq, clean(action.reason()), actor);
    }

    private void recordAction(Tx tx, Incident current, long seq, String event, String note, String actor,
                              Instant now) throws SQLException {
        audit(tx, "incident.action", current.id(), actor, current.agents(), AuditDetail.of(
                "incident", current.id(), "action_seq", seq, "action_event", event, "note", clean(note)));
        String text = event + " (entry " + seq + ")" + (clean(note).isEmpty() ? "" : ": " + clean(note));
        // the timeline points at the action's own entry; incident.action records the link
        store.appendEvent(tx.connection(), current.id(), new TimelineEvent(TimelineKind.ACTION, now, actor, text,
                seq));
    }

    // ---- playbooks

    /**
     * Starts running {@code playbook} for the incident; its steps are then ticked with {@link #completeStep}.
     *
     * @throws IncidentRuleException when it was started already for this incident, or the incident is closed
     */
    public Incident startPlaybook(long id, Playbook playbook, String actor) {
        return change(id, actor, (tx, current, now) -> {
            if (PlaybookProgress.isStarted(current, playbook.id())) {
                throw new IncidentRuleException("Playbook " + playbook.id() + " is running for incident " + id
                        + " already");
            }
            record(tx, id, current.agents(), actor, "incident.playbook",
                    AuditDetail.of("incident", id, "playbook", playbook.id(), "steps", playbook.steps().size()),
                    TimelineKind.PLAYBOOK, now,
                    "Playbook " + playbook.id() + " started (" + playbook.steps().size() + " steps): "
                            + playbook.name());
        });
    }

    /**
     * Ticks step {@code step} (1-based) of a running playbook, with the time it was done.
     *
     * @throws IllegalArgumentException when there is no such step
     * @throws IncidentRuleException when the playbook was not started for this incident or the step is done
     */
    public Incident completeStep(long id, Playbook playbook, int step, String note, String actor) {
        if (step < 1 || step > playbook.steps().size()) {
            throw new IllegalArgumentException("step: " + playbook.id() + " has steps 1 to " + playbook.steps().size()
                    + " (got " + step + ")");
        }
        return change(id, actor, (tx, current, now) -> {
            if (!PlaybookProgress.isStarted(current, playbook.id())) {
                throw new IncidentRuleException("Playbook " + playbook.id() + " is not running for incident " + id
                        + "; start it first");
            }
            if (PlaybookProgress.stepRecords(current, playbook).containsKey(step)) {
                throw new IncidentRuleException("Step " + step + " of " + playbook.id() + " is done already");
            }
            Playbook.Step s = playbook.steps().get(step - 1);
            record(tx, id, current.agents(), actor, "incident.playbook_step",
                    AuditDetail.of("incident", id, "playbook", playbook.id(), "step", step, "text", s.text(),
                            "role", s.role(), "note", clean(note)),
                    TimelineKind.STEP, now, PlaybookProgress.stepPrefix(playbook, step) + s.text()
                            + (clean(note).isEmpty() ? "" : " — " + clean(note)));
        });
    }

    /** See {@link PlaybookProgress#stepRecords}; kept here for the desktop's incident screen, which calls it. */
    public static SortedMap<Integer, TimelineEvent> stepRecords(Incident incident, Playbook playbook) {
        return PlaybookProgress.stepRecords(incident, playbook);
    }

    /** See {@link PlaybookProgress#playbooksStarted}; kept here for the desktop's incident screen, which calls it. */
    public static List<String> playbooksStarted(Incident incident) {
        return PlaybookProgress.playbooksStarted(incident);
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Change {
        void apply(Tx tx, Incident current, Instant now) throws SQLException;
    }

    /** Loads the incident in the write transaction, refuses a closed one, applies the change, reloads. */
    private Incident change(long id, String actor, Change change) {
        Instant now = clock.instant();
        database.write(tx -> {
            Incident current = store.load(tx.connection(), id).orElseThrow(() -> new UnknownIncidentException(id));
            if (!current.status().isActive()) {
                throw new IncidentRuleException("Incident " + id + " is closed and locked; open a new incident for"
                        + " new findings");
            }
            change.apply(tx, current, now);
            changed(tx, id);
            return null;
        });
        return get(id);
    }

    /**
     * Writes a change's audit entry and the timeline line that names it ({@code kind} at {@code at}, saying
     * {@code line}), in the change's transaction: every line of the timeline points at its entry.
     */
    private void record(Tx tx, long id, List<String> agentIds, String actor, String event, String detail,
                        TimelineKind kind, Instant at, String line) throws SQLException {
        LedgerEntry e = audit(tx, event, id, actor, agentIds, detail);
        store.appendEvent(tx.connection(), id, new TimelineEvent(kind, at, actor, line, e.seq()));
    }

    private LedgerEntry audit(Tx tx, String event, long id, String actor, List<String> agentIds, String detail)
            throws SQLException {
        return ledger.appendWithin(tx, AuditEntry.of(event).actor(actor)
                .agentId(agentIds.size() == 1 ? agentIds.get(0) : null)
                .detail(detail).build());
    }

    private void changed(Tx tx, long id) {
        tx.afterCommit(() -> events.publish(new IncidentsChanged(id)));
    }

    private void requireEntries(Tx tx, List<Long> entries, Optional<LedgerRange> range) throws SQLException {
        List<Long> check = new ArrayList<>(entries);
        range.ifPresent(r -> {
            check.add(r.from());
            check.add(r.to());
        });
        for (long seq : check) {
            if (seq < 1 || store.entryEvent(tx.connection(), seq).isEmpty()) {
                throw new IllegalArgumentException("entries: there is no ledger entry " + seq
                        + " (it was never written or has been pruned)");
            }
        }
    }

    private static void requireText(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (text.strip().length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters (got "
                    + text.strip().length() + ")");
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
