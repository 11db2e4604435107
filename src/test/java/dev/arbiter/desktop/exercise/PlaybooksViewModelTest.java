package dev.arbiter.desktop.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.InlineUiThread;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        PlaybooksViewModel model = new PlaybooksViewModel(() -> library, inline, new InlineUiThread(),
                new StatusMessage((d, r) -> { }));
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

    @Test
    void filesAddedOrEditedElsewhereShowWithoutARefreshAndADraftStays() throws Exception {
        PlaybookLibrary library = new PlaybookLibrary(dir.resolve("playbooks"));
        Object ui = new Object(); // the one UI thread: the watch's refreshes and this test take turns
        PlaybooksViewModel model = new PlaybooksViewModel(() -> library, inline, new InlineUiThread(ui),
                new StatusMessage((d, r) -> { }));
        try {
            synchronized (ui) {
                model.refresh();
                model.selectedProperty().set("runaway-cost-loop.yaml");
                model.followFolder();
            }
            Path folder = dir.resolve("playbooks");
            String original = Files.readString(folder.resolve("runaway-cost-loop.yaml"));
            Files.writeString(folder.resolve("vendor-outage.yaml"),
                    original.replace("id: runaway-cost-loop", "id: vendor-outage"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (ui) {
                    return model.files().contains("vendor-outage.yaml");
                }
            });

            String elsewhere = original.replace("      within: 15m", "      within: 12m");
            Files.writeString(folder.resolve("runaway-cost-loop.yaml"), elsewhere);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (ui) {
                    return model.textProperty().get().equals(elsewhere) && !model.dirtyProperty().get();
                }
            });

            String typed = elsewhere.replace("      within: 12m", "      within: 9m");
            synchronized (ui) {
                model.textProperty().set(typed);
            }
            Files.writeString(folder.resolve("runaway-cost-loop.yaml"), original);
            Files.writeString(folder.resolve("third.yaml"), original.replace("id: runaway-cost-loop", "id: third"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (ui) {
                    return model.files().contains("third.yaml"); // the look after both writes has come
                }
            });
            synchronized (ui) {
                assertThat(model.textProperty().get()).as("what is typed stays until saved").isEqualTo(typed);
                assertThat(model.dirtyProperty().get()).isTrue();
            }
        } finally {
            model.close();
        }
    }
}
