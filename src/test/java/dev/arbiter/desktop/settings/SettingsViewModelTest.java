package dev.arbiter.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Actor;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TestUiThread;
import dev.arbiter.gateway.GatewayConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings screen's ViewModel on a real workspace and a real gateway (port 0), no toolkit. */
class SettingsViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    GatewayControl gateway;
    SettingsViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        ui = new TestUiThread();
        DesktopContext context = new DesktopContext(ws, new CurrentThreadTaskRunner(), ui);
        gateway = new GatewayControl(context);
        model = new SettingsViewModel(context, gateway);
        model.load();
    }

    @AfterEach
    void close() {
        gateway.close();
        ws.close();
    }

    @Test
    void loadsTheDefaultsAndSavesWhoReviewsAndTheRetentionThenTheLineExpires() {
        assertThat(model.gatewayPortProperty().get()).isEqualTo(Integer.toString(GatewayConfig.DEFAULT_PORT));
        assertThat(model.gatewayBindProperty().get()).isEqualTo(GatewayConfig.DEFAULT_BIND);
        assertThat(model.retentionYearsProperty().get()).isEqualTo(LedgerRetention.DEFAULT_YEARS);
        assertThat(model.dataDirectory()).isEqualTo(dir.toString());

        model.reviewerProperty().set("  alice ");
        model.retentionYearsProperty().set(7);
        model.save();
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.messageProperty().get())
                .isEqualTo("Saved. Reviews and kill-switch changes are recorded as \"alice\".");
        assertThat(Actor.current(ws.settings())).isEqualTo("alice");
        assertThat(ws.settings().getInt(LedgerRetention.SETTING, 0)).isEqualTo(7);

        ui.advance(StatusMessage.INFO_LIFETIME);
        assertThat(model.messageProperty().get()).isEmpty(); // never a stale "Saved" (issue 20)
    }

    @Test
    void aWrongPortOrAddressIsNamedAndNothingIsSaved() {
        model.gatewayPortProperty().set("80x");
        model.save();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("Not saved: fix the gateway settings (see below).");
        assertThat(model.gatewayMessageProperty().get()).startsWith("Port: \"80x\" is not a number");
        assertThat(model.gatewayMessageIsErrorProperty().get()).isTrue();

        model.gatewayPortProperty().set("70000");
        model.startGateway();
        assertThat(model.gatewayMessageProperty().get()).startsWith("Port: ");
        assertThat(gateway.stateProperty().get()).isEqualTo(GatewayControl.State.OFF);

        ui.advance(StatusMessage.INFO_LIFETIME.multipliedBy(2)); // a problem stays until the person acts
        assertThat(model.gatewayMessageProperty().get()).startsWith("Port: ");
    }

    @Test
    void startsAndStopsTheGatewayAndTheSimulatorNeedsIt() {
        model.runSimulator();
        assertThat(model.gatewayMessageProperty().get())
                .isEqualTo("Start the gateway first: the simulator talks to it over HTTP, as real agents do.");

        model.gatewayPortProperty().set("0");
        model.startGateway();
        ui.runUntil(() -> gateway.stateProperty().get() == GatewayControl.State.ON);
        assertThat(gateway.statusProperty().get()).startsWith("Gateway on 127.0.0.1:");
        assertThat(ws.settings().getInt(GatewayConfig.PORT_SETTING, -1)).isZero();

        model.stopGateway();
        ui.runUntil(() -> gateway.stateProperty().get() == GatewayControl.State.OFF);
        assertThat(gateway.statusProperty().get()).isEqualTo("Gateway off");
    }

    /**
     * Issue 20 "never stale": settings changed by another process (a second workspace on the same SQLite file)
     * show while the screen is open, except in a field being typed in, which keeps what is typed until Save.
     */
    @Test
    void followsAnotherProcessWithoutOverwritingWhatIsTyped() {
        model.reviewerProperty().set("typed here");
        try (Workspace second = TestWorkspaces.open(dir)) {
            second.settings().put(Actor.SETTING, "bob");
            second.settings().put(LedgerRetention.SETTING, "3");
            second.settings().put(GatewayConfig.PORT_SETTING, "9100");
        }
        ui.runUntil(() -> model.retentionYearsProperty().get() == 3 && "9100".equals(model.gatewayPortProperty().get()));
        assertThat(model.reviewerProperty().get()).isEqualTo("typed here");

        model.save();
        assertThat(Actor.current(ws.settings())).isEqualTo("typed here");
        try (Workspace second = TestWorkspaces.open(dir)) {
            second.settings().put(Actor.SETTING, "carol"); // saved here, so no longer being typed: it follows
        }
        ui.runUntil(() -> "carol".equals(model.reviewerProperty().get()));
        assertThat(model.retentionYearsProperty().get()).isEqualTo(3);
    }

    /** Issue 20: a second desktop's port clash says what to do in that window, not a --port flag. */
    @Test
    void aPortInUseSaysWhatToDoInSettings() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(GatewayConfig.DEFAULT_BIND))) {
            model.gatewayPortProperty().set(Integer.toString(taken.getLocalPort()));
            model.startGateway();
            ui.runUntil(() -> gateway.stateProperty().get() == GatewayControl.State.FAILED);
        }
        assertThat(gateway.problemProperty().get()).contains("is in use")
                .contains("Settings › Decision gateway").doesNotContain("--port");
    }
}
