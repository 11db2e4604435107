package dev.arbiter.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Audit Log's ViewModel on a real workspace, no toolkit: the test thread is the UI thread. */
class AuditLogViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    AuditLogViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir.resolve("ws"));
        ui = new TestUiThread();
        model = new AuditLogViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void note(Workspace in, String traceId) {
        in.ledger().append(AuditEntry.of("note").traceId(traceId).build());
    }

    private LedgerEntry entry(String traceId) {
        return model.entries().stream().filter(e -> traceId.equals(e.entry().traceId())).findFirst().orElseThrow();
    }

    @Test
    void loadsTheNewestEntriesAndSaysWhenAFilterMatchesNothing() {
        assertThat(model.loadedProperty().get()).isFalse(); // "loading", not "empty", until the first page
        note(ws, "first");
        note(ws, "second");
        model.refresh();
        assertThat(model.loadedProperty().get()).isTrue();
        assertThat(model.entries().get(0).entry().traceId()).isEqualTo("second"); // newest first
        assertThat(model.summaryProperty().get()).matches("\\d+ matching entries");
        assertThat(model.eventTypes()).contains("note");

        model.textFilterProperty().set("no-such-trace");
        model.refresh();
        assertThat(model.entries()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No entries match these filters.");

        model.clearFilters();
        assertThat(model.textFilterProperty().get()).isEmpty();
        assertThat(model.entries()).extracting(e -> e.entry().traceId()).contains("first", "second");
    }

    /** Issue 20 "never stale": the detail pane never keeps an entry the list no longer holds. */
    @Test
    void theDetailPaneFollowsTheList() {
        note(ws, "keep-me");
        note(ws, "filter-me-out");
        model.refresh();
        model.selectedProperty().set(entry("filter-me-out"));
        assertThat(model.detailProperty().get()).contains("filter-me-out");

        model.textFilterProperty().set("keep-me");
        model.refresh();
        assertThat(model.entries()).extracting(e -> e.entry().traceId()).containsExactly("keep-me");
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.detailProperty().get()).isEmpty();

        // a selection the reload still holds stays, detail and all
        model.selectedProperty().set(entry("keep-me"));
        model.refresh();
        assertThat(model.selectedProperty().get().entry().traceId()).isEqualTo("keep-me");
        assertThat(model.detailProperty().get()).contains("keep-me");
    }

    @Test
    void onShowTheListFollowsAppendsHereAndByAnotherProcessAtMostOnceASecond() {
        model.setLive(true);
        model.refresh();
        note(ws, "here");
        ui.runUntil(() -> ui.waiting() > 0 || model.entries().stream().anyMatch(e -> "here".equals(e.entry().traceId())));
        ui.advance(Duration.ofMillis(AuditLogViewModel.LIVE_INTERVAL_MS)); // within a second of the last load
        assertThat(model.entries()).extracting(e -> e.entry().traceId()).contains("here");

        ui.advance(Duration.ofSeconds(2));
        try (Workspace other = TestWorkspaces.open(dir.resolve("ws"))) {
            note(other, "there");
        }
        ui.runUntil(() -> model.entries().stream().anyMatch(e -> "there".equals(e.entry().traceId())));

        model.setLive(false); // hidden: it does not follow (showing it again reloads)
        note(ws, "while-hidden");
        ui.advance(Duration.ofSeconds(2));
        assertThat(model.entries()).extracting(e -> e.entry().traceId()).doesNotContain("while-hidden");
    }

    @Test
    void verifyReportsTheChainAndTellsTheStatusBar() {
        note(ws, "a");
        List<VerificationResult> told = new ArrayList<>();
        model.onVerified(told::add);
        model.verify();
        ui.runPending(); // the progress steps handed to the UI thread
        assertThat(model.verifyingProperty().get()).isFalse();
        assertThat(model.verifyFailedProperty().get()).isFalse();
        assertThat(model.verifyProgressProperty().get()).isEqualTo(1.0);
        // the chain's sentence, then what the signed checkpoints say (none yet here)
        assertThat(model.verifyResultProperty().get()).startsWith(told.get(0).describe() + " ")
                .endsWith("No signed checkpoint yet (`arbiter audit checkpoint` writes one).");
        assertThat(told).singleElement().isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void exportWritesWhatTheFiltersSelectAndAnIncidentNeedsEntries() throws Exception {
        note(ws, "exported");
        model.textFilterProperty().set("exported");
        Path file = dir.resolve("out.jsonl");
        List<String> done = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        model.export(file, done::add, failed::add);
        assertThat(failed).isEmpty();
        assertThat(done).singleElement().isEqualTo("Exported 1 entry to " + file);
        assertThat(Files.readString(file)).contains("\"exported\"");

        model.openIncident("Refund loop", Severity.values()[0], List.of(), i -> done.add("opened"), failed::add);
        assertThat(failed).singleElement().satisfies(f -> assertThat(f).hasMessage(
                "entries: select one or more audit entries first"));
    }
}
