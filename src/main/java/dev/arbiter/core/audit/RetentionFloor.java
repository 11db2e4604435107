package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Refuses to prune an entry younger than the retention floor: setting {@value #SETTING}, default
 * {@value #DEFAULT_DAYS} days, the minimum the EU AI Act sets for deployers' automatically generated logs
 * (Regulation (EU) 2024/1689, Article 26(6): "at least six months"). The floor can be raised, never set below
 * {@value #DEFAULT_DAYS} days.
 */
public final class RetentionFloor implements RetentionGuard {

    public static final String SETTING = "audit.retention.floor_days";
    public static final int DEFAULT_DAYS = 180;

    private final Database database;
    private final Settings settings;
    private final Clock clock;

    public RetentionFloor(Database database, Settings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    /** The floor in days, never below {@value #DEFAULT_DAYS}. */
    public int days() {
        return Math.max(DEFAULT_DAYS, settings.getInt(SETTING, DEFAULT_DAYS));
    }

    @Override
    public Optional<String> refusal(long fromSeq, long toSeq) {
        String floor = AuditTime.format(clock.instant().minus(Duration.ofDays(days())));
        Optional<String> youngest = database.read(c -> LedgerRows.newestTimestamp(c, fromSeq, toSeq));
        if (youngest.isEmpty() || youngest.get().compareTo(floor) >= 0) {
            return Optional.of("Entries #" + fromSeq + " to #" + toSeq + " include one written " + youngest
                    .orElse("without a time") + ", inside the retention floor of " + days() + " days (EU AI Act "
                    + "Art. 26(6), setting " + SETTING + "): nothing was pruned.");
        }
        return Optional.empty();
    }
}
