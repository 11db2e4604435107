package dev.arbiter.desktop.shell;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.audit.AuditLogViewModel;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What the desktop shows follows the workspace, also when another process (a gateway, the CLI) changes it. */
@ExtendWith(ApplicationExtension.class)
class NeverStaleTest {

    @TempDir
    Path dir;
    Path workspaceDir;
    DesktopContext context;

    @Start
    void start(Stage stage) {
        workspaceDir = dir.resolve("ws");
        context = FxTestSupport.context(workspaceDir);
        DemoAgents.ensure(context.workspace());
    }

    @AfterEach
    void close() {
        FxTestSupport.close(context);
    }

    /** Another Arbiter process on the same data directory. */
    private Workspace otherProcess() {
        return Workspace.open(new DataDirectory(workspaceDir));
    }

    @Test
    void theStatusBarsLedgerCountFollowsAppendsByThisAndAnotherProcess(FxRobot robot) throws Exception {
        StatusModel[] model = new StatusModel[1];
        robot.interact(() -> model[0] = new StatusModel(context));
        waitFor(() -> model[0].ledgerProperty().get().startsWith("Ledger verified"));
        Matcher m = Pattern.compile("Ledger verified · ([\\d,]+) entr").matcher(model[0].ledgerProperty().get());
        assertThat(m.find()).isTrue();
        long verified = Long.parseLong(m.group(1).replace(",", ""));

        context.workspace().ledger().append(AuditEntry.of("note").traceId("here").build());
        waitFor(() -> model[0].ledgerProperty().get().equals(
                "Ledger: " + (verified + 1) + " entries · " + verified + " verified"));

        try (Workspace other = otherProcess()) {
            other.ledger().append(AuditEntry.of("note").traceId("there-1").build());
            other.ledger().append(AuditEntry.of("note").traceId("there-2").build());
        }
        waitFor(() -> model[0].ledgerProperty().get().equals(
                "Ledger: " + (verified + 3) + " entries · " + verified + " verified"));
    }

    @Test
    void theAuditDetailPaneClearsWhenItsEntryLeavesTheList(FxRobot robot) throws Exception {
        context.workspace().ledger().append(AuditEntry.of("note").traceId("keep-me").build());
        context.workspace().ledger().append(AuditEntry.of("note").traceId("filter-me-out").build());
        AuditLogViewModel[] model = new AuditLogViewModel[1];
        robot.interact(() -> {
            model[0] = new AuditLogViewModel(context);
            model[0].refresh();
        });
        waitFor(() -> model[0].entries().stream().anyMatch(e -> "filter-me-out".equals(e.entry().traceId())));
        robot.interact(() -> model[0].selectedProperty().set(model[0].entries().stream()
                .filter(e -> "filter-me-out".equals(e.entry().traceId())).findFirst().orElseThrow()));
        assertThat(model[0].detailProperty().get()).contains("filter-me-out");

        robot.interact(() -> {
            model[0].textFilterProperty().set("keep-me");
            model[0].refresh();
        });
        waitFor(() -> model[0].entries().stream().noneMatch(e -> "filter-me-out".equals(e.entry().traceId())));
        assertThat(model[0].selectedProperty().get()).isNull();
        assertThat(model[0].detailProperty().get()).isEmpty();
    }
}
