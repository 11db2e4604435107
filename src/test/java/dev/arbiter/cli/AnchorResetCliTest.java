package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing, damaged or disagreeing head anchor stops writing until a person restores it or records a reset
 * (issue 13 §3): never silently recreated from a cut database.
 */
class AnchorResetCliTest {

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void demo() {
        data = dir.resolve("ws");
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
    }

    private long head() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arbiter.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void cutTail(int entries) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_entry_no_delete");
            st.execute("DELETE FROM audit_entry WHERE seq > (SELECT MAX(seq) - " + entries + " FROM audit_entry)");
        }
    }

    private CliRun issueToken() {
        return CliRun.in(data, "token", "issue", "--agent", "support-agent-v2");
    }

    @Test
    void tailCutAndAnchorDeletedStopsWritingUntilAnAuditedResetThatVerifyKeepsReporting() throws Exception {
        long before = head();
        cutTail(3);
        Files.delete(data.resolve("ledger.head"));

        CliRun refused = issueToken();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("ledger.head").contains("missing").contains("arbiter audit reset-anchor")
                .doesNotContain("Exception");
        assertThat(data.resolve("ledger.head")).doesNotExist();
        assertThat(head()).isEqualTo(before - 3);
        CliRun stillBroken = CliRun.in(data, "audit", "verify");
        assertThat(stillBroken.exitCode()).isEqualTo(1);
        assertThat(stillBroken.err()).contains("missing");

        CliRun reset = CliRun.in(data, "audit", "reset-anchor", "--reason", "ledger.head lost with the old disk");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("entry #" + (before - 2));

        CliRun verify = CliRun.in(data, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Chain intact").contains("head anchor was reset at entry #" + (before - 2))
                .contains("ledger.head lost with the old disk").contains("missing");
        assertThat(issueToken().exitCode()).isZero();
        CliRun later = CliRun.in(data, "audit", "verify");
        assertThat(later.exitCode()).isZero();
        assertThat(later.out()).contains("head anchor was reset");
    }

    @Test
    void resetNeedsAReasonAndAProblem() {
        assertThat(CliRun.in(data, "audit", "reset-anchor").exitCode()).isEqualTo(2);
        CliRun nothing = CliRun.in(data, "audit", "reset-anchor", "--reason", "just because");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("nothing to reset");
        assertThat(CliRun.in(data, "audit", "verify").out()).doesNotContain("reset");
    }

    @Test
    void aDamagedAnchorStopsWritingAndIsNotOverwritten() throws Exception {
        Files.writeString(data.resolve("ledger.head"), "garbage\n");

        CliRun refused = issueToken();

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot be read").contains("reset-anchor");
        assertThat(Files.readString(data.resolve("ledger.head"))).isEqualTo("garbage\n");
        assertThat(CliRun.in(data, "audit", "verify").exitCode()).isEqualTo(1);
    }

    @Test
    void anAnchorOlderThanTheDatabaseIsALowerBoundAndWritingGoesOn() throws Exception {
        Path olderAnchor = dir.resolve("ledger.head.backup");
        Files.copy(data.resolve("ledger.head"), olderAnchor);
        assertThat(issueToken().exitCode()).isZero();
        assertThat(issueToken().exitCode()).isZero();
        Files.copy(olderAnchor, data.resolve("ledger.head"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(CliRun.in(data, "audit", "verify").exitCode()).isZero();
        assertThat(issueToken().exitCode()).isZero();
        assertThat(CliRun.in(data, "audit", "verify").exitCode()).isZero();
    }

    @Test
    void aDatabaseRestoredFromAnOlderBackupThanTheAnchorStopsWriting() throws Exception {
        Path backup = dir.resolve("backup.db");
        Files.copy(data.resolve("arbiter.db"), backup);
        assertThat(issueToken().exitCode()).isZero();
        assertThat(issueToken().exitCode()).isZero();
        Files.copy(backup, data.resolve("arbiter.db"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(data.resolve("arbiter.db-wal"));
        Files.deleteIfExists(data.resolve("arbiter.db-shm"));

        CliRun refused = issueToken();

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("older than ledger.head");
        assertThat(CliRun.in(data, "audit", "verify").err()).contains("tail was cut off");
    }

    @Test
    void anAnchorFromAnotherWorkspaceStopsWriting() throws Exception {
        Path other = dir.resolve("other");
        assertThat(CliRun.in(other, "demo").exitCode()).isZero();
        assertThat(CliRun.in(other, "token", "issue", "--agent", "support-agent-v2").exitCode()).isZero();
        long seq = head();
        // the other workspace's entry at our head has another hash
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("arbiter.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT hash FROM audit_entry WHERE seq = " + seq)) {
            rs.next();
            Files.writeString(data.resolve("ledger.head"), String.format("%020d %s\n", seq, rs.getString(1)));
        }

        CliRun refused = issueToken();

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("another workspace");
    }
}
