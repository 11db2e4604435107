package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.StoreException;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long reads of a team's ledger stream on a real PostgreSQL: verify, export, evidence bundle, the Merkle
 * tree's leaf hashes and the retention archive each read a range several times their fetch size, and the driver
 * is seen (through its protocol log) asking the server for one page of exactly that size at a time. Under
 * autocommit the driver ignores the fetch size and sends one unlimited Execute, loading the whole result: then
 * no page is seen and each case fails.
 */
class LongReadsStreamOnPostgresTest {

    /** Above the largest fetch size of these scans (4,096) times two, so each needs at least three pages. */
    static final int ENTRIES = 9_000;

    @TempDir
    static Path dir;
    static Workspace ws;

    @BeforeAll
    static void fill() {
        ws = StoreKind.POSTGRESQL.fresh(dir).open(1);
        for (int done = 0; done < ENTRIES; done += 1_500) {
            List<AuditEntry> batch = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                batch.add(AuditEntry.of("decision").agentId("agent-" + (i % 7)).traceId("t-" + (done + i)).build());
            }
            ws.database().write(tx -> ws.ledger().appendAllWithin(tx, batch));
        }
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void verifyStreamsTheChain() {
        long pages = pagesOf(4_096, () -> assertThat(ws.verifier().verify().intact()).isTrue());
        assertThat(pages).isGreaterThanOrEqualTo(ENTRIES / 4_096);
    }

    @Test
    void exportStreamsEveryEntry() {
        AtomicLong seen = new AtomicLong();
        long pages = pagesOf(2_048, () -> ws.auditReader().forEach(AuditQuery.all(), e -> seen.incrementAndGet()));
        assertThat(seen.get()).isGreaterThanOrEqualTo(ENTRIES);
        assertThat(pages).isGreaterThanOrEqualTo(ENTRIES / 2_048);
    }

    @Test
    void aBundlesRangeIsStreamed() {
        AtomicLong seen = new AtomicLong();
        long pages = pagesOf(2_048, () -> ws.auditReader().forEachStored(1, ENTRIES, r -> seen.incrementAndGet()));
        assertThat(seen.get()).isEqualTo(ENTRIES);
        assertThat(pages).isGreaterThanOrEqualTo(ENTRIES / 2_048);
    }

    @Test
    void theTreesLeafHashesAreStreamed() {
        EntryHashes hashes = new EntryHashes(ws.database(), ws.directory().archive());
        long pages = pagesOf(4_096, () -> assertThat(hashes.range(1, ENTRIES)).hasSize(ENTRIES));
        assertThat(pages).isGreaterThanOrEqualTo(ENTRIES / 4_096);
    }

    @Test
    void theRetentionArchiveIsStreamed() {
        Path archive = dir.resolve("archive-test.jsonl");
        long pages = pagesOf(AuditReader.SCAN_FETCH, () -> assertThat(ws.database().read(c -> {
            try {
                return RetentionArchive.write(c, ENTRIES, archive);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).entries()).isEqualTo(ENTRIES));
        assertThat(pages).isGreaterThanOrEqualTo(ENTRIES / AuditReader.SCAN_FETCH);
    }

    @Test
    void aReadCannotWrite() {
        assertThatThrownBy(() -> ws.database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry(seq) VALUES (-1)")) {
                return ps.executeUpdate();
            }
        })).isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }

    /** How many times the driver asked for a page of {@code fetchSize} rows while {@code scan} ran. */
    private static long pagesOf(int fetchSize, Runnable scan) {
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        AtomicLong pages = new AtomicLong();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                Object[] p = r.getParameters();
                if (r.getMessage() != null && r.getMessage().contains("Execute(portal=") && p != null && p.length == 2
                        && Integer.valueOf(fetchSize).equals(p[1])) {
                    pages.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        counter.setLevel(Level.ALL);
        Level before = protocol.getLevel();
        boolean parents = protocol.getUseParentHandlers();
        protocol.setUseParentHandlers(false); // the protocol log goes to the counter only
        protocol.addHandler(counter);
        protocol.setLevel(Level.FINEST);
        try {
            scan.run();
        } finally {
            protocol.setLevel(before);
            protocol.removeHandler(counter);
            protocol.setUseParentHandlers(parents);
        }
        return pages.get();
    }
}
