package dev.arbiter.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings › Witness with plain JUnit on two real workspaces: the empty state says what to run, and the section
 * follows the witness tables as the CLI (here the core calls it makes) changes them — key, followed log with the
 * size cosigned, an alarm.
 */
class WitnessSettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theSectionSaysWhatToDoThenFollowsTheWitnessesKeyLogsAndAlarms() throws Exception {
        try (Workspace log = Workspace.open(new DataDirectory(dir.resolve("log")));
             Workspace ciso = Workspace.open(new DataDirectory(dir.resolve("ciso")))) {
            WitnessSettingsViewModel model = new WitnessSettingsViewModel(ciso.witness(),
                    new CurrentThreadTaskRunner(), ciso.events());
            assertThat(model.keyProperty().get()).isEmpty();
            assertThat(model.logs()).isEmpty();
            assertThat(model.statusProperty().get()).contains("witnesses no other ledger")
                    .contains("arbiter witness init --name NAME");

            String key = ciso.witness().init("ciso.example.com/witness").verifierKey();

            for (int i = 0; i < 3; i++) {
                log.ledger().append(AuditEntry.of("decision").traceId("t-" + i).action("read:crm/matter").build());
            }
            log.checkpoints().checkpoint();
            String origin = log.checkpoints().origin();
            ciso.witness().follow(origin, log.checkpoints().key().publicKey(), "ciso");
            ciso.events().publish(new WorkspaceChanged(Set.of("witness_log")));
            assertThat(model.keyProperty().get()).isEqualTo(key);
            assertThat(model.logs()).singleElement().asString().startsWith(origin + " — not cosigned yet");
            assertThat(model.statusProperty().get()).isEqualTo("Following 1 log; no alarms.");

            String three = log.checkpoints().all().get(log.checkpoints().all().size() - 1);
            AddCheckpoint first = log.cosignatures().request(0);
            ciso.witness().cosign(first, first.format(), "ciso");
            log.ledger().append(AuditEntry.of("decision").traceId("t-3").action("read:crm/matter").build());
            log.checkpoints().checkpoint();
            AddCheckpoint second = log.cosignatures().request(3);
            ciso.witness().cosign(second, second.format(), "ciso");
            AddCheckpoint back = new AddCheckpoint(0, List.of(), SignedNote.parse(three));
            ciso.witness().cosign(back, back.format(), "ciso");
            ciso.events().publish(new WorkspaceChanged(Set.of("witness_alarm")));
            assertThat(model.logs()).singleElement().asString().contains("cosigned up to 4 entries");
            assertThat(model.alarms()).singleElement().asString().contains(origin).contains("rolled back");
            assertThat(model.statusProperty().get()).contains("1 alarm");
        }
    }
}
