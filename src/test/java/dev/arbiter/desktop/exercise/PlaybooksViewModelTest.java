package dev.arbiter.desktop.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Playbooks tab's model on a real playbooks folder: read, edit with line:col problems, save only clean text. */
class PlaybooksViewModelTest {

    @TempDir
    Path dir;

    final TaskRunner inline = new CurrentThreadTaskRunner();

    @Test
    void editsAreCheckedByLineAndColumnAndOnlyCleanTextIsSaved() throws Exception {
        PlaybookLibrary library = new PlaybookLibrary(dir.resolve("playbooks"));
        PlaybooksViewModel model = new PlaybooksViewModel(() -> library, inline, new StatusMessage((d, r) -> { }));
        model.refresh();
        assertThat(model.files()).hasSize(PlaybookLibrary.DEFAULTS.size());
        model.selectedProperty().set("runaway-cost-loop.yaml");
        Path file = dir.resolve("playbooks").resolve("runaway-cost-loop.yaml");
        String original = Files.readString(file);
        assertThat(model.textProperty().get()).isEqualTo(original);
        assertThat(model.readableProperty().get()).contains("Trigger: An agent repeats")
                .contains("1. Pause the agent so no further calls are made")
                .contains("within 05:00 · in Arbiter: arbiter incident pause").contains("03:00  The Audit Log shows");
        assertThat(model.dirtyProperty().get()).isFalse();

        model.textProperty().set(original.replace("      within: 15m", "      within: soon"));
        assertThat(model.validProperty().get()).isFalse();
        assertThat(model.problemsProperty().get()).matches("(?s)line \\d+, column \\d+: .*within.*");
        assertThat(model.dirtyProperty().get()).isTrue();
        model.save();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(original);

        model.selectedProperty().set("data-exfiltration.yaml"); // the draft is kept meanwhile
        model.selectedProperty().set("runaway-cost-loop.yaml");
        assertThat(model.textProperty().get()).contains("within: soon");

        String edited = original.replace("      within: 15m", "      within: 10m");
        model.textProperty().set(edited);
        assertThat(model.validProperty().get()).isTrue();
        model.save();
        assertThat(model.dirtyProperty().get()).isFalse();
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(library.get("runaway-cost-loop").steps().get(1).within()).contains(java.time.Duration.ofMinutes(10));

        model.restoreShipped();
        assertThat(model.textProperty().get()).isEqualTo(original);
        assertThat(model.dirtyProperty().get()).isTrue();
        model.revert();
        assertThat(model.textProperty().get()).isEqualTo(edited);

        model.textProperty().set(edited.replace("id: runaway-cost-loop", "id: data-exfiltration"));
        model.save(); // the id of another file
        assertThat(model.messageProperty().get()).contains("is the id of data-exfiltration.yaml");
        assertThat(Files.readString(file)).isEqualTo(edited);
    }
}
