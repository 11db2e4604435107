package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLedgerTest {

    @TempDir
    Path dir;
    Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        // these tests count and tamper with exact entries; the alert detector would add its own (the
        // synthetic risk scores rise past the high-risk threshold)
        workspace.alerts().detector().setEnabled(false);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static AuditEntry decision(int i) {
        return AuditEntry.of("decision").traceId("ag-test-" + i).agentId("support-agent-v2")
                .action("create:support_ticket").inputSummary("Customer reported billing discrepancy #" + i)
                .reasoning("Classified as billing issue (confidence: 0.94).").toolsUsed(List.of("crm_lookup"))
                .tokensConsumed(1247L).riskScore(0.1 + i / 1000.0).decision("allow").tier("autonomous")
                .reasonCode("ALLOWED").output("{\"ticket_id\":\"TKT-" + i + "\"}").build();
    }

    private void appendMany(int n) {
        List<CompletableFuture<LedgerEntry>> futures = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            futures.add(workspace.ledger().appendAsync(decision(i)));
        }
        futures.forEach(CompletableFuture::join);
    }

    /** Runs raw SQL as an attacker with file access would: triggers dropped first. */
    private void tamper(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS audit_entry_no_update");
            st.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete");
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Test
    void appendsLinkEachEntryToThePreviousOne() {
        LedgerEntry first = workspace.ledger().append(decision(1));
        LedgerEntry second = workspace.ledger().append(decision(2));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(CanonicalForm.GENESIS_HASH);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(workspace.verifier().verify().intact()).isTrue();
    }

    @Test
    void tenThousandAppendsVerify() {
        appendMany(10_000);

        VerificationResult result = workspace.verifier().verify();

        assertThat(result).isEqualTo(new VerificationResult.Intact(10_000, 10_000));
    }

    @Test
    void storedEntriesCannotBeUpdatedOrDeletedThroughSql() {
        workspace.ledger().append(decision(1));

        assertThatThrownBy(() -> workspace.database().write(tx ->
                tx.connection().createStatement().executeUpdate("UPDATE audit_entry SET body = '{}'")))
                .isInstanceOf(StoreException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> workspace.database().write(tx ->
                tx.connection().createStatement().executeUpdate("DELETE FROM audit_entry")))
                .isInstanceOf(StoreException.class).hasMessageContaining("append-only");
    }

    @Test
    void detectsAnEditedEntry() throws Exception {
        appendMany(50);
        tamper("UPDATE audit_entry SET body = replace(body, '\"risk_score\":0.117', '\"risk_score\":0.01')"
                + " WHERE seq = 17");

        VerificationResult result = workspace.verifier().verify();

        assertThat(result).isInstanceOf(VerificationResult.Broken.class);
        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(17);
        assertThat(result.describe()).contains("#17").contains("altered").contains("ag-test-17");
    }

    @Test
    void detectsADeletedEntry() throws Exception {
        appendMany(50);
        tamper("DELETE FROM audit_entry WHERE seq = 23");

        VerificationResult result = workspace.verifier().verify();

        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(23);
        assertThat(result.describe()).contains("#23 is missing");
    }

    @Test
    void detectsReorderedEntries() throws Exception {
        appendMany(50);
        // swap the content of 10 and 11, keeping each row's own (valid) hash
        tamper("UPDATE audit_entry SET seq = -10 WHERE seq = 10",
                "UPDATE audit_entry SET seq = 10 WHERE seq = 11",
                "UPDATE audit_entry SET seq = 11 WHERE seq = -10");

        VerificationResult result = workspace.verifier().verify();

        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(10);
        assertThat(result.describe()).contains("reordered");
    }

    @Test
    void detectsAnInsertedEntry() throws Exception {
        appendMany(20);
        // make room after 5 by renumbering, then insert a forged copy of entry 5 as 6
        tamper("UPDATE audit_entry SET seq = seq + 1000 WHERE seq > 5",
                "UPDATE audit_entry SET seq = seq - 999 WHERE seq > 1000",
                "INSERT INTO audit_entry(seq, body, hash) SELECT 6, body, hash FROM audit_entry WHERE seq = 5");

        VerificationResult result = workspace.verifier().verify();

        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(6);
    }

    @Test
    void detectsAnEntryRewrittenWithAFreshHash() throws Exception {
        appendMany(20);
        // an attacker who edits entry 9 and recomputes its hash breaks the link from entry 10
        tamper("UPDATE audit_entry SET body = replace(body, 'allow', 'deny'), hash = '" + "ab".repeat(32)
                + "' WHERE seq = 9");

        VerificationResult result = workspace.verifier().verify();

        assertThat(((VerificationResult.Broken) result).seq()).isIn(9L, 10L);
    }

    @Test
    void detectsATruncatedTail() throws Exception {
        appendMany(30);
        tamper("DELETE FROM audit_entry WHERE seq > 25");

        VerificationResult result = workspace.verifier().verify();

        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(26);
        assertThat(result.describe()).contains("tail was cut off").contains("#30");
    }

    @Test
    void missingHeadAnchorIsReported() throws Exception {
        appendMany(3);
        Files.delete(dir.resolve("ledger.head"));

        assertThat(workspace.verifier().verify().describe()).contains("head anchor").contains("missing");
    }

    @Test
    void reportsProgressWhileVerifying() {
        appendMany(25_000);
        List<Long> seen = new ArrayList<>();

        workspace.verifier().verify((done, total) -> seen.add(done), () -> false);

        assertThat(seen).contains(10_000L, 20_000L, 25_000L);
    }

    @Test
    void chainContinuesAcrossReopen() {
        workspace.ledger().append(decision(1));
        workspace.close();
        workspace = TestWorkspaces.open(dir);

        LedgerEntry second = workspace.ledger().append(decision(2));

        assertThat(second.seq()).isEqualTo(2);
        assertThat(workspace.verifier().verify().intact()).isTrue();
    }

    /** Verifying while another writer appends: what was appended meanwhile is never taken for a cut-off tail. */
    @Test
    void verifyingWhileEntriesAreAppendedIsIntactEveryTime() throws Exception {
        appendMany(200);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get() && i < 20_000; i++) {
                workspace.ledger().append(decision(1000 + i));
            }
        });
        writer.start();
        try {
            for (int round = 0; round < 30; round++) {
                assertThat(workspace.verifier().verify()).matches(VerificationResult::intact, "intact");
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }
}
