package dev.arbiter.desktop.settings;

import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.witness.Witness;
import dev.arbiter.core.witness.WitnessAlarm;
import dev.arbiter.core.witness.WitnessedLog;
import dev.arbiter.desktop.common.TaskRunner;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings › Witness (issue 18): this workspace as the witness of other Arbiter ledgers, read-only: its witness
 * key (to give to a log's operator), the logs it follows with the size it cosigned last, and its alarms (a log
 * that was rolled back, forked or rewritten). Changes come from the CLI and the gateway, often in another
 * process, so the section reloads when the witness tables change ({@link WorkspaceChanged}).
 */
public final class WitnessSettingsViewModel {

    /** What the section shows, read in one go off the UI thread. */
    record Snapshot(Optional<CosignerKey> key, List<WitnessedLog> logs, List<WitnessAlarm> alarms) {
    }

    private final Witness witness;
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper key = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Reading the witness…");
    private final ObservableList<String> logs = FXCollections.observableArrayList();
    private final ObservableList<String> alarms = FXCollections.observableArrayList();

    /**
     * @param events where changes by any process arrive; the section reloads on those touching the witness tables
     */
    public WitnessSettingsViewModel(Witness witness, TaskRunner runner, Events events) {
        this.witness = witness;
        this.runner = runner;
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("witness_log", "witness_log_key", "witness_alarm", "setting")) {
                refresh();
            }
        });
        refresh();
    }

    /** The witness's public key ({@code name+id+base64}), empty when this workspace is no witness. */
    public ReadOnlyStringProperty keyProperty() { return key.getReadOnlyProperty(); }
    /** One sentence: what this witness does now, or what to do to make it one. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** Each followed log: origin, size cosigned last and since when. */
    public ObservableList<String> logs() { return logs; }
    /** Each alarm: when, what kind, and what was found (the message names the log). */
    public ObservableList<String> alarms() { return alarms; }

    /** Reads the witness again, off the UI thread. */
    public void refresh() {
        runner.run(() -> new Snapshot(witness.key(), witness.logs(), witness.alarms()), this::show,
                failure -> status.set("The witness cannot be read: " + failure.getMessage()));
    }

    private void show(Snapshot s) {
        key.set(s.key().map(CosignerKey::verifierKey).orElse(""));
        logs.setAll(s.logs().stream().map(l -> l.origin() + " — " + (l.size() == 0 ? "not cosigned yet"
                : "cosigned up to " + l.size() + " entries") + " (since " + l.updatedAt() + ")").toList());
        alarms.setAll(s.alarms().stream().map(a -> a.detectedAt() + "  "
                + a.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + a.message()).toList());
        if (s.key().isEmpty()) {
            status.set("This workspace witnesses no other ledger. To cosign another Arbiter's checkpoints (e.g. on "
                    + "the CISO's desktop): arbiter witness init --name NAME, then arbiter witness add-log --origin "
                    + "ORIGIN --public-key KEY.");
        } else if (s.logs().isEmpty()) {
            status.set("Witness key ready. No log followed yet: arbiter witness add-log --origin ORIGIN "
                    + "--public-key KEY (both from arbiter audit key show on the log's workspace).");
        } else {
            status.set("Following " + s.logs().size() + " log" + (s.logs().size() == 1 ? "" : "s") + (s.alarms()
                    .isEmpty() ? "; no alarms." : "; " + s.alarms().size() + " alarm" + (s.alarms().size() == 1 ? ""
                    : "s") + ": a log was rolled back, forked or rewritten (see below)."));
        }
    }
}
