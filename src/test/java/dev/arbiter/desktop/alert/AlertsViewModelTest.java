package dev.arbiter.desktop.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alerts ViewModel on real workspaces (two processes on one file), executors inline, no toolkit. */
class AlertsViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    Workspace other;
    AlertsViewModel model;
    final List<List<Alert>> arrivals = new CopyOnWriteArrayList<>();

    private void open() {
        StoreKind.Place place = StoreKind.SQLITE.fresh(dir);
        ws = place.open(1);
        other = place.open(2);
        AlertBursts.register(ws, "ops-bot");
        // inline, one at a time: the workspace's change watcher also refreshes, from its own thread
        Executor inline = r -> {
            synchronized (this) {
                r.run();
            }
        };
        model = new AlertsViewModel(ws.alerts().service(), ws.agents(), ws.killSwitch(), ws.events(), () -> "alice",
                inline, inline, new StatusMessage((delay, expire) -> { }));
        model.onArrived(arrivals::add);
        model.refresh();
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        if (other != null) {
            other.close();
        }
        if (ws != null) {
            ws.close();
        }
    }

    private List<LedgerEntry> entries(String event) {
        return ws.auditReader().newest(new AuditQuery(null, null, null, event, null), 10);
    }

    @Test
    void emptyThenAnAlertArrivesAndIsTriagedOnlyWithANote() {
        open();
        assertThat(model.emptyProperty().get()).isTrue();
        assertThat(model.emptyTextProperty().get()).startsWith("No alert has been raised");
        assertThat(model.openCountProperty().get()).isZero();

        AlertBursts.denialBurst(ws, "ops-bot", Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> model.alerts().size() == 1);
        assertThat(model.openCountProperty().get()).isEqualTo(1);
        assertThat(arrivals).hasSize(1);
        Alert alert = model.selectedProperty().get();
        assertThat(alert.rule().key()).isEqualTo("denial_burst");
        assertThat(model.detailProperty().get()).contains("agent ops-bot", "Window ", "Figures: ",
                "time to detect", "ledger entries #");
        assertThat(model.actionableProperty().get()).isTrue();

        model.noteProperty().set("   ");
        model.triage(AlertStatus.TRUE_POSITIVE);
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("note is required");
        assertThat(ws.alerts().service().openCount()).isEqualTo(1);

        model.noteProperty().set("agent probed the secrets store");
        model.triage(AlertStatus.TRUE_POSITIVE);
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.openCountProperty().get()).isZero();
        assertThat(model.emptyProperty().get()).isTrue();
        assertThat(model.emptyTextProperty().get()).contains("every alert raised so far has been triaged");
        assertThat(model.noteProperty().get()).isEmpty();
        LedgerEntry triaged = entries("alert.triaged").get(0);
        assertThat(triaged.entry().actor()).isEqualTo("alice");
        assertThat(triaged.entry().detail()).contains("\"verdict\":\"true_positive\"",
                "\"note\":\"agent probed the secrets store\"");

        model.showTriagedProperty().set(true);
        assertThat(model.alerts()).hasSize(1);
        assertThat(model.actionableProperty().get()).isFalse();
        assertThat(model.detailProperty().get()).contains("Triaged as true positive by alice");
        assertThat(arrivals).hasSize(1); // a triaged alert listed again is no new arrival
    }

    @Test
    void anAlertRaisedByAnotherProcessArrivesAndCountsInTheBadge() {
        open();
        AlertBursts.denialBurst(other, "ops-bot", Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> model.openCountProperty().get() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> arrivals.size() == 1);
        assertThat(arrivals.get(0).get(0).agentId()).isEqualTo("ops-bot");
        // triaged elsewhere: the badge follows
        Alert a = other.alerts().service().list(true, 1).get(0);
        other.alerts().service().triage(a.id(), AlertStatus.FALSE_POSITIVE, "load test", "sam");
        await().atMost(Duration.ofSeconds(60)).until(() -> model.openCountProperty().get() == 0);
    }

    @Test
    void incidentPauseAndKillFromTheAlertAreAuditedAndNeedANote() {
        open();
        AlertBursts.denialBurst(ws, "ops-bot", Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> model.alerts().size() == 1);

        model.openIncident();
        assertThat(model.messageProperty().get()).startsWith("Opened INC-");
        assertThat(ws.incidents().list()).hasSize(1);
        assertThat(ws.incidents().list().get(0).agents()).containsExactly("ops-bot");
        assertThat(model.selectedProperty().get().incidentRef()).isNotNull();
        model.openIncident();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(ws.incidents().list()).hasSize(1);

        assertThat(model.pauseConsequence()).hasValueSatisfying(t -> assertThat(t).contains("AGENT_PAUSED"));
        model.pauseAgent();
        assertThat(model.messageProperty().get()).contains("Write a note first");
        assertThat(ws.agents().find("ops-bot").orElseThrow().status()).isEqualTo(AgentStatus.ACTIVE);

        model.noteProperty().set("stop it while we look");
        model.pauseAgent();
        assertThat(ws.agents().find("ops-bot").orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
        LedgerEntry paused = entries("agent.paused").get(0);
        assertThat(paused.entry().actor()).isEqualTo("alice");
        assertThat(paused.entry().detail()).contains("stop it while we look");

        model.killAgent();
        assertThat(ws.killSwitch().forAgent("ops-bot").map(KillSwitchState::engaged)).hasValue(true);
        assertThat(entries("kill_switch.engaged").get(0).entry().actor()).isEqualTo("alice");
    }
}
