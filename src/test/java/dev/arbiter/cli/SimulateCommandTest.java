package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §5: {@code arbiter simulate} refuses the user's real workspace unless told explicitly. */
class SimulateCommandTest {

    @TempDir
    Path data;

    @Test
    void aRealWorkspaceIsRefusedBeforeAnythingIsWritten() {
        long head;
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            head = ws.ledger().headSeq();
        }
        CliRun run = CliRun.in(data, "simulate", "--duration", "1s", "--url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a demo workspace").contains("--allow-real-workspace");
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            assertThat(ws.ledger().headSeq()).isEqualTo(head);
            assertThat(ws.agents().list(null, true)).isEmpty();
        }
    }

    @Test
    void withTheExplicitFlagItGoesOnToLookForTheGateway() {
        CliRun run = CliRun.in(data, "simulate", "--duration", "1s", "--url", "http://127.0.0.1:1",
                "--allow-real-workspace");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no gateway answers at http://127.0.0.1:1");
    }
}
