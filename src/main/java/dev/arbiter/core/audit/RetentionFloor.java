package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to prune an entry younger than the retention floor of its record class ({@link RecordClass}): setting
 * {@value #SETTING}{@code .<class>} (e.g. {@code audit.retention.floor_days.approvals}), else {@value #SETTING}, else
 * {@value #DEFAULT_DAYS} days, the minimum the EU AI Act sets for deployers' automatically generated logs
 * (Regulation (EU) 2024/1689, Article 26(6): "at least six months"). A floor can be raised, never set below
 * {@value #DEFAULT_DAYS} days. Legal holds, open incidents and signed-checkpoint coverage are separate guards.
 */
public final class RetentionFloor implements RetentionGuard {

    public static final String SETTING = "audit.retention.floor_days";
    public static final int DEFAULT_DAYS = 180;
    /** The highest floor accepted: 100 years, in days. */
    public static final int MAX_DAYS = 36_525;

    private final Database database;
    private final Settings settings;
    private final Clock clock;

    public RetentionFloor(Database database, Settings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    /** The workspace-wide floor in days (the default of every class), never below {@value #DEFAULT_DAYS}. */
    public int days() {
        return Math.max(DEFAULT_DAYS, settings.getInt(SETTING, DEFAULT_DAYS));
    }

    /** The floor of {@code recordClass} in days: its own setting, else {@link #days()}; never below 180. */
    public int days(RecordClass recordClass) {
        return Math.max(DEFAULT_DAYS, settings.getInt(SETTING + "." + recordClass.key(), days()));
    }

    /**
     * Sets the floor of {@code recordClass}.
     *
     * @throws IllegalArgumentException when {@code days} is below {@value #DEFAULT_DAYS} (EU AI Act Art. 26(6)) or
     *         above {@value #MAX_DAYS}; the message names the class
     */
    public void setDays(RecordClass recordClass, int days) {
        if (days < DEFAULT_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("The retention floor of " + recordClass.label() + " must be between "
                    + DEFAULT_DAYS + " days (EU AI Act Art. 26(6): at least six months) and " + MAX_DAYS + " days (got "
                    + days + ").");
        }
        settings.put(SETTING + "." + recordClass.key(), Integer.toString(days));
    }

    /** The newest instant an entry of {@code recordClass} may have been written and still be pruned now. */
    public Instant oldestPrunable(RecordClass recordClass) {
        return clock.instant().minus(Duration.ofDays(days(recordClass)));
    }

    @Override
    public Optional<String> refusal(long fromSeq, long toSeq) {
        Map<String, String> newest = database.read(c -> LedgerRows.newestByEvent(c, fromSeq, toSeq));
        if (newest.containsValue(null) || newest.containsKey(null)) {
            return Optional.of("Entries #" + fromSeq + " to #" + toSeq + " include one without a time or an event, "
                    + "so its retention floor (EU AI Act Art. 26(6)) cannot be checked: nothing was pruned.");
        }
        for (RecordClass rc : RecordClass.values()) {
            String floor = AuditTime.format(oldestPrunable(rc));
            for (Map.Entry<String, String> e : newest.entrySet()) {
                if (RecordClass.of(e.getKey()) == rc && e.getValue().compareTo(floor) >= 0) {
                    return Optional.of("Entries #" + fromSeq + " to #" + toSeq + " include " + rc.label() + " ("
                            + e.getKey() + ") written " + e.getValue() + ", inside the retention floor of "
                            + rc.label() + " of " + days(rc) + " days (EU AI Act Art. 26(6), setting " + SETTING + "."
                            + rc.key() + "): you may prune " + rc.label() + " written before " + floor
                            + ". Nothing was pruned.");
                }
            }
        }
        return Optional.empty();
    }
}
