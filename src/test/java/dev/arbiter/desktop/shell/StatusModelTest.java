package dev.arbiter.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status bar's model on a real workspace, no toolkit (issue 20 "never stale": the ledger count follows
 * every append, also by another process, instead of keeping its first value until Verify is pressed).
 */
class StatusModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    StatusModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        DemoAgents.ensure(ws);
        ui = new TestUiThread();
        model = new StatusModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void theLedgerCountFollowsAppendsByThisAndAnotherProcess() {
        ui.runPending();
        Matcher m = Pattern.compile("Ledger verified · ([\\d,]+) entr").matcher(model.ledgerProperty().get());
        assertThat(m.find()).as(model.ledgerProperty().get()).isTrue();
        long verified = Long.parseLong(m.group(1).replace(",", ""));
        assertThat(model.ledgerBrokenProperty().get()).isFalse();

        ws.ledger().append(AuditEntry.of("note").traceId("here").build());
        ui.runUntil(() -> model.ledgerProperty().get().equals(
                "Ledger: " + (verified + 1) + " entries · " + verified + " verified"));

        try (Workspace other = TestWorkspaces.open(dir)) {
            other.ledger().append(AuditEntry.of("note").traceId("there-1").build());
            other.ledger().append(AuditEntry.of("note").traceId("there-2").build());
        }
        ui.runUntil(() -> model.ledgerProperty().get().equals(
                "Ledger: " + (verified + 3) + " entries · " + verified + " verified"));

        // a verification (the Audit Log's Verify) brings the count back to "verified"
        model.ledgerVerified(ws.verifier().verify());
        assertThat(model.ledgerProperty().get()).isEqualTo("Ledger verified · " + (verified + 3) + " entries");
    }

    @Test
    void showsWhereTheDatabaseIs() {
        assertThat(model.databaseProperty().get()).isEqualTo(ws.database().describe());
        assertThat(model.databaseOfflineProperty().get()).isFalse();
        assertThat(model.gatewayProperty().get()).isEqualTo("Gateway off");
    }
}
