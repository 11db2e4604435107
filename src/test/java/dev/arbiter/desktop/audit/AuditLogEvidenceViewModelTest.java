package dev.arbiter.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Audit Log's signature-aware Verify chain and its evidence bundle export (issue 18), on a real SQLite
 * workspace, without a toolkit: the work and its callbacks run on the test thread.
 */
class AuditLogEvidenceViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    AuditLogViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        for (int i = 0; i < 25; i++) {
            ws.ledger().append(AuditEntry.of("decision").agentId("billing-bot").action("refund").traceId("t-" + i)
                    .build());
        }
        model = new AuditLogViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), new TestUiThread()));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void verifyShowsTheNewestSignedCheckpointItsSizeAndKey() {
        long size = ws.checkpoints().checkpoint().orElseThrow().checkpoint().size();
        model.verify();
        assertThat(model.verifyFailedProperty().get()).as(model.verifyResultProperty().get()).isFalse();
        assertThat(model.verifyResultProperty().get()).contains("1 signed checkpoint verified");
        String keyId = HexFormat.of().formatHex(ws.checkpoints().key().publicKey().keyId());
        assertThat(model.checkpointInfoProperty().get())
                .startsWith(String.format("Checkpoint: %,d entries · signed ", size))
                .contains("UTC").endsWith("+" + keyId);
    }

    @Test
    void withoutACheckpointTheChainStillVerifiesAndTheScreenSaysHowOneIsSigned() {
        model.verify();
        assertThat(model.verifyFailedProperty().get()).isFalse();
        assertThat(model.checkpointInfoProperty().get()).startsWith("No signed checkpoint yet")
                .contains("evidence bundle");
    }

    @Test
    void aForgedCheckpointSignatureFailsWithAMessageSayingSo() throws Exception {
        ws.checkpoints().checkpoint();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER signed_checkpoint_no_update");
            // Flip one character of the signature (the base64 after the key name's last space).
            st.execute("UPDATE signed_checkpoint SET note = substr(note, 1, length(note) - 6) || "
                    + "CASE substr(note, length(note) - 5, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(note, "
                    + "length(note) - 4)");
        }
        model.verify();
        assertThat(model.verifyFailedProperty().get()).isTrue();
        assertThat(model.verifyResultProperty().get()).startsWith("Signed checkpoint check FAILED")
                .contains("no valid signature");
    }

    @Test
    void theBundleCoversTheDateRangeAndVerifiesOfflineWithThePublicKeyAlone() throws Exception {
        LocalDate today = LocalDate.now();
        model.fromDateProperty().set(today.minusDays(1));
        model.toDateProperty().set(today.plusDays(1));
        assertThat(model.defaultBundleName(today)).isEqualTo("arbiter-evidence-" + today.minusDays(1) + "-to-"
                + today.plusDays(1) + ".zip");
        Path file = dir.resolve("out/evidence.zip");
        List<String> said = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        model.exportBundle(file, said::add, failed::add);
        assertThat(failed).isEmpty();
        assertThat(said).singleElement().asString().contains("#1 to #" + ws.ledger().headSeq()).contains(file.toString());
        assertThat(model.bundlingProperty().get()).isFalse();
        assertThat(model.bundleProgressProperty().get()).isEqualTo(1.0);
        var outcome = OfflineVerifier.verifyBundle(file, ws.checkpoints().key().publicKey());
        assertThat(outcome.intact()).as(outcome.summary()).isTrue();

        model.fromDateProperty().set(today.plusDays(3));
        model.toDateProperty().set(today.plusDays(4));
        model.exportBundle(dir.resolve("empty.zip"), said::add, failed::add);
        assertThat(failed).singleElement().extracting(Throwable::getMessage).asString()
                .contains("No entry lies between the From and To dates");
        assertThat(dir.resolve("empty.zip")).doesNotExist();
        model.fromDateProperty().set(null);
        model.toDateProperty().set(null);
        assertThat(model.defaultBundleName(today)).isEqualTo("arbiter-evidence-start-to-" + today + ".zip");
    }
}
