package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Keeps the ledger for the configured retention (1–7 years, the guide's range):
 * entries older than that are first archived to a JSONL file (with their hashes,
 * so the archive itself verifies), then deleted in one transaction that leaves a
 * checkpoint: the first kept seq and the hash it links to. The remaining chain
 * verifies from that checkpoint, and the pruning itself is an audit entry.
 */
public final class LedgerRetention {

    public static final String SETTING = "audit.retention.years";
    public static final int MIN_YEARS = 1;
    public static final int MAX_YEARS = 7;
    public static final int DEFAULT_YEARS = 7;

    /** What a pruning did. */
    public record Pruned(long entries, long upToSeq, Path archive) {
    }

    private final Database database;
    private final AuditLedger ledger;
    private final AuditExporter exporter;
    private final Path archiveDir;
    private final Clock clock;

    public LedgerRetention(Database database, AuditLedger ledger, AuditExporter exporter, Path archiveDir,
                           Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.exporter = exporter;
        this.archiveDir = archiveDir;
        this.clock = clock;
    }

    public static int validYears(int years) {
        if (years < MIN_YEARS || years > MAX_YEARS) {
            throw new IllegalArgumentException("Retention must be between " + MIN_YEARS + " and " + MAX_YEARS
                    + " years (got " + years + ")");
        }
        return years;
    }

    /** Archives and removes entries older than {@code years}; empty when nothing is that old. */
    public Optional<Pruned> prune(int years, String actor) {
        Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minusYears(validYears(years)).toInstant();
        long upTo = lastSeqBefore(cutoff);
        if (upTo <= 0) {
            return Optional.empty();
        }
        Path archive = archiveDir.resolve("audit-1-" + upTo + "-" + AuditTime.format(clock.instant())
                .replace(":", "") + ".jsonl");
        long archived = exporter.export(AuditQuery.upTo(upTo), ExportFormat.JSONL, archive);
        database.write(tx -> {
            String linkHash;
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT hash FROM audit_entry WHERE seq = ?")) {
                ps.setLong(1, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    linkHash = rs.getString(1);
                }
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO audit_checkpoint"
                    + "(first_seq, prev_hash, archive_file, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, upTo + 1);
                ps.setString(2, linkHash);
                ps.setString(3, archive.toString());
                ps.setString(4, AuditTime.format(clock.instant()));
                ps.executeUpdate();
            }
            try (Statement st = tx.connection().createStatement()) {
                st.executeUpdate("INSERT INTO audit_prune_permit(up_to_seq) VALUES (" + upTo + ")");
                st.executeUpdate("DELETE FROM audit_entry WHERE seq <= " + upTo);
                st.executeUpdate("DELETE FROM audit_prune_permit");
            }
            ledger.appendWithin(tx, AuditEntry.of("audit.pruned").actor(actor)
                    .detail(AuditDetail.of("up_to_seq", upTo, "entries", archived,
                            "archive", archive.toString(), "retention_years", years))
                    .build());
            return null;
        });
        return Optional.of(new Pruned(archived, upTo, archive));
    }

    private long lastSeqBefore(Instant cutoff) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) FROM audit_entry WHERE timestamp < ?")) {
                ps.setString(1, AuditTime.format(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
