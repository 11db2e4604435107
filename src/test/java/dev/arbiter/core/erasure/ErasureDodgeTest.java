package dev.arbiter.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.PersonalData;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Editing the tables beside the ledger to dodge an erasure or a legal hold (issue 18): the subject is committed in
 * the signed body, and holds are read back from their signed entries.
 */
class ErasureDodgeTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    /** Ways to move a person's stored fields out from under their subject id. */
    enum SubjectEdit {
        EVERY_ROW("UPDATE audit_personal SET subject_id = 'someone-else'"),
        EVERY_ROW_BUT_THE_SUBJECTS("UPDATE audit_personal SET subject_id = 'someone-else' WHERE field <> 'subject'"),
        ONE_ROW("UPDATE audit_personal SET subject_id = 'someone-else' WHERE field = 'reasoning'"),
        SUBJECT_ROW_DELETED_AND_THE_REST_MOVED("DELETE FROM audit_personal WHERE field = 'subject'; "
                + "UPDATE audit_personal SET subject_id = 'someone-else'"),
        SUBJECT_ROW_REWRITTEN("UPDATE audit_personal SET subject_id = 'someone-else', value = '\"someone-else\"' "
                + "WHERE field = 'subject'; UPDATE audit_personal SET subject_id = 'someone-else'");

        final String sql;

        SubjectEdit(String sql) {
            this.sql = sql;
        }
    }

    @ParameterizedTest
    @EnumSource(SubjectEdit.class)
    void movingAPersonsFieldsToAnotherSubjectIsCaughtByVerify(SubjectEdit edit) throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1, new TestClock(NOW))) {
            ws.ledger().append(SubjectErasureTest.forSubject("cust-17", "alice@example.com", 1));
            assertThat(ws.verifier().verify().intact()).as(ws.verifier().verify().describe()).isTrue();
            sql(edit.sql);

            var result = ws.verifier().verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.describe()).contains("Entry #1's personal").contains("altered");
        }
    }

    @org.junit.jupiter.api.Test
    void anUntouchedErasureStillVerifies() throws Exception {
        // The rule's other side: a real erasure (every row of the entry, the subject's too) is no tampering.
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1, new TestClock(NOW))) {
            ws.ledger().append(SubjectErasureTest.forSubject("cust-17", "alice@example.com", 1));
            ws.ledger().append(SubjectErasureTest.forSubject("cust-18", "bob@example.com", 2));
            ErasureResult r = ws.erasure().erase("cust-17", "DSR-1", "dpo");
            assertThat(r.fields()).isEqualTo(4);
            assertThat(ws.verifier().verify().intact()).as(ws.verifier().verify().describe()).isTrue();
            assertThat(ws.auditReader().forTrace("t-2").get(0).entry().inputSummary()).contains("bob");
        }
    }

    /** Ways to lift a legal hold without a release entry. */
    enum HoldEdit {
        ROW_DELETED("DELETE FROM legal_hold"),
        RELEASED_IN_THE_TABLE("UPDATE legal_hold SET released_at = '2026-11-24T12:00:00Z'"),
        RANGE_NARROWED("UPDATE legal_hold SET from_seq = 99, to_seq = 99"),
        AGENT_CHANGED("UPDATE legal_hold SET agent_id = 'nobody'");

        final String sql;

        HoldEdit(String sql) {
            this.sql = sql;
        }
    }

    @ParameterizedTest
    @EnumSource(HoldEdit.class)
    void editingTheHoldTableOrTheEntrysColumnsLiftsNoHold(HoldEdit edit) throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1, new TestClock(NOW))) {
            ws.ledger().append(SubjectErasureTest.forSubject("cust-17", "alice@example.com", 1));
            ws.legalHolds().place("support-bot", 1, 1L, "Matter 17", "counsel");
            assertThat(ws.legalHolds().tampering()).isEmpty();
            sql(edit.sql);

            ErasureResult r = ws.erasure().erase("cust-17", "DSR-1", "dpo");
            assertThat(r.entries()).isZero();
            assertThat(r.heldEntries()).isEqualTo(1);
            assertThat(ws.auditReader().forTrace("t-1").get(0).entry().inputSummary()).contains("alice")
                    .isNotEqualTo(PersonalData.ERASED);
            assertThat(ws.legalHolds().tampering()).hasValueSatisfying(p -> assertThat(p)
                    .contains("Legal hold #1").contains("does not match its signed ledger entries"));
        }
    }

    private void sql(String statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DataDirectory.DATABASE_FILE));
             Statement st = c.createStatement()) {
            for (String s : statements.split("; ")) {
                st.executeUpdate(s);
            }
        }
    }

}
