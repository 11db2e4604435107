package dev.arbiter.core.exercise;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookCodec;
import dev.arbiter.core.playbook.PlaybookProblem;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tabletop exercises (issue 17; the guide: "Run a tabletop exercise for an agent-related incident"): a
 * facilitator plans a scenario with a playbook and participants, starts the clock, ticks each step as
 * it is done and by whom, and ends with findings; the score is {@link ExerciseScore}'s rule. Each change
 * is an audit entry ({@code exercise.planned|started|step|ended}) written in the same transaction.
 *
 * <p>Rules where the issue is silent: a step is done by a participant or the facilitator (named as
 * planned, any case); each step is done once; steps may be done in any order (a real team works in
 * parallel); steps are ticked only while the exercise runs; ending needs findings; an ended exercise is
 * locked (also by a V17 trigger). The playbook is copied when planned, so editing it later changes no
 * past exercise or score.
 */
public final class Exercises {

    public static final int MAX_TEXT = 4000;

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private final ExerciseStore store = new ExerciseStore();

    public Exercises(Database database, AuditLedger ledger, Events events, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** The exercise clock's "now" (the workspace clock; tests use a test clock). */
    public Instant now() {
        return clock.instant();
    }

    /** Every exercise, newest first. */
    public List<Exercise> list() {
        return database.read(store::list);
    }

    /** @throws IllegalArgumentException when there is no exercise {@code id} */
    public Exercise get(long id) {
        return database.read(c -> store.load(c, id)).orElseThrow(() -> new IllegalArgumentException("exercise: there"
                + " is no exercise " + id + " (arbiter exercise list shows them)"));
    }

    /** Completed exercises as "Incident Response" evidence (never a score change). */
    public ExerciseEvidence evidence() {
        return database.read(store::evidence);
    }

    /**
     * Plans an exercise of {@code playbookYaml} (the playbook file's text, copied into the exercise).
     *
     * @param playbookFile the file's name, for messages
     * @throws IllegalArgumentException naming the field: blank or long scenario, no participants, a blank,
     *         long or repeated name, no facilitator, or the playbook's problems with file:line:col
     */
    public Exercise plan(ExercisePlan plan, String playbookFile, String playbookYaml, String actor) {
        PlaybookCodec.Result parsed = PlaybookCodec.parse(playbookFile, playbookYaml);
        if (parsed.playbook().isEmpty()) {
            throw new IllegalArgumentException("playbook: " + parsed.problems().stream()
                    .map(PlaybookProblem::toString).collect(Collectors.joining("; ")));
        }
        Playbook playbook = parsed.playbook().get();
        ExercisePlan clean = new ExercisePlan(requireText("scenario", plan.scenario(), ExercisePlan.MAX_SCENARIO),
                names(plan.participants()), requireText("facilitator", plan.facilitator(), ExercisePlan.MAX_NAME));
        Instant now = clock.instant();
        long id = database.write(tx -> {
            long newId = store.insert(tx.connection(), clean, playbook, playbookYaml, now, actor);
            audit(tx, "exercise.planned", actor, AuditDetail.of("exercise", newId, "scenario", clean.scenario(),
                    "playbook", playbook.id(), "participants", clean.participants(), "facilitator",
                    clean.facilitator()));
            changed(tx, newId);
            return newId;
        });
        return get(id);
    }

    /**
     * Starts the exercise's clock now.
     *
     * @throws ExerciseRuleException when it is running or ended already
     */
    public Exercise start(long id, String actor) {
        return change(id, (tx, current, now) -> {
            requireStatus(current, ExerciseStatus.PLANNED, "be started");
            store.start(tx.connection(), id, now);
            audit(tx, "exercise.started", actor, AuditDetail.of("exercise", id, "playbook", current.playbook().id(),
                    "started_at", now.toString()));
        });
    }

    /**
     * Records that step {@code step} (1-based) was done now by participant {@code doneBy}.
     *
     * @throws IllegalArgumentException when there is no such step or {@code doneBy} is not taking part
     * @throws ExerciseRuleException when the exercise is not running or the step is done already
     */
    public Exercise completeStep(long id, int step, String doneBy, String note, String actor) {
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("note: at most " + MAX_TEXT + " characters (got " + text.length() + ")");
        }
        return change(id, (tx, current, now) -> {
            int size = current.playbook().steps().size();
            if (step < 1 || step > size) {
                throw new IllegalArgumentException("step: " + current.playbook().id() + " has steps 1 to " + size
                        + " (got " + step + ")");
            }
            requireStatus(current, ExerciseStatus.RUNNING, "have steps ticked");
            if (current.step(step).isPresent()) {
                StepDone d = current.step(step).get();
                throw new ExerciseRuleException("Step " + step + " of exercise " + id + " was done already by "
                        + d.doneBy() + " at " + d.doneAt());
            }
            String who = participant(current, doneBy);
            Playbook.Step s = current.playbook().steps().get(step - 1);
            LedgerEntry e = audit(tx, "exercise.step", actor, AuditDetail.of("exercise", id, "step", step,
                    "text", s.text(), "role", s.role(), "done_by", who,
                    "after_seconds", java.time.Duration.between(current.startedAt(), now).getSeconds(),
                    "note", text));
            store.insertStep(tx.connection(), id, new StepDone(step, now, who, text, actor, e.seq()));
        });
    }

    /**
     * Ends the exercise now with its findings and the score of {@link ExerciseScore}.
     *
     * @throws IllegalArgumentException when the findings are blank or too long
     * @throws ExerciseRuleException when the exercise is not running
     */
    public Exercise end(long id, String findings, String actor) {
        String text = requireText("findings", findings, MAX_TEXT);
        return change(id, (tx, current, now) -> {
            requireStatus(current, ExerciseStatus.RUNNING, "be ended");
            ExerciseScore score = ExerciseScore.of(current.playbook(), current.startedAt(), current.steps());
            store.end(tx.connection(), id, text, score.percent(), now);
            audit(tx, "exercise.ended", actor, AuditDetail.of("exercise", id, "playbook", current.playbook().id(),
                    "score", score.percent(), "in_time", score.inTime(), "late", score.late(), "missed",
                    score.missed(), "findings", text));
        });
    }

    // ---- rules

    private static void requireStatus(Exercise current, ExerciseStatus needed, String what) {
        if (current.status() == needed) {
            return;
        }
        String hint = switch (current.status()) {
            case PLANNED -> "start it first (arbiter exercise start " + current.id() + ")";
            case RUNNING -> "it is running since " + current.startedAt();
            case ENDED -> "it ended at " + current.endedAt() + " and is locked; plan a new exercise";
        };
        throw new ExerciseRuleException("Exercise " + current.id() + " is " + current.status().key()
                + " and cannot " + what + ": " + hint);
    }

    /** The participant (or facilitator) named {@code name} in any case, spelt as planned. */
    private static String participant(Exercise current, String name) {
        String wanted = name == null ? "" : name.strip();
        List<String> everyone = new ArrayList<>(current.participants());
        everyone.add(current.facilitator());
        return everyone.stream().filter(p -> p.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("by: '" + wanted + "' is not taking part in exercise "
                        + current.id() + "; name one of " + String.join(", ", everyone)));
    }

    /** Stripped, non-blank, unique (ignoring case) names; 1 to {@link ExercisePlan#MAX_PARTICIPANTS}. */
    static List<String> names(List<String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String r : raw) {
            String n = r == null ? "" : r.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (n.length() > ExercisePlan.MAX_NAME) {
                throw new IllegalArgumentException("participants: '" + n.substring(0, 20) + "…' is longer than "
                        + ExercisePlan.MAX_NAME + " characters");
            }
            if (out.putIfAbsent(n.toLowerCase(Locale.ROOT), n) != null) {
                throw new IllegalArgumentException("participants: '" + n + "' is named twice");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("participants: name at least one person taking part");
        }
        if (out.size() > ExercisePlan.MAX_PARTICIPANTS) {
            throw new IllegalArgumentException("participants: at most " + ExercisePlan.MAX_PARTICIPANTS
                    + " (got " + out.size() + ")");
        }
        return List.copyOf(out.values());
    }

    private static String requireText(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (text.strip().length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters (got "
                    + text.strip().length() + ")");
        }
        return text.strip();
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Change {
        void apply(Tx tx, Exercise current, Instant now) throws SQLException;
    }

    /** Loads the exercise in the write transaction, applies the change, reloads. */
    private Exercise change(long id, Change change) {
        Instant now = clock.instant();
        database.write(tx -> {
            Exercise current = store.load(tx.connection(), id).orElseThrow(() -> new IllegalArgumentException(
                    "exercise: there is no exercise " + id + " (arbiter exercise list shows them)"));
            change.apply(tx, current, now);
            changed(tx, id);
            return null;
        });
        return get(id);
    }

    private LedgerEntry audit(Tx tx, String event, String actor, String detail) throws SQLException {
        return ledger.appendWithin(tx, AuditEntry.of(event).actor(actor).detail(detail).build());
    }

    private void changed(Tx tx, long id) {
        tx.afterCommit(() -> events.publish(new ExercisesChanged(id)));
    }
}
