package dev.arbiter.desktop.settings;

import dev.arbiter.core.Actor;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.store.Settings;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.SavePendingException;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.gateway.GatewayConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Workspace settings: who reviews, how long the ledger is kept, where the gateway listens. */
public final class SettingsViewModel {

    /** How long and how fast "Run simulator" drives the demo agents. */
    static final Duration SIMULATION = Duration.ofMinutes(5);
    static final double SIMULATION_RATE = 2;

    private final DesktopContext context;
    private final GatewayControl gateway;
    private final StringProperty reviewer = new SimpleStringProperty("");
    private final IntegerProperty retentionYears = new SimpleIntegerProperty(LedgerRetention.DEFAULT_YEARS);
    /** The outcome of Save and Prune: an outcome goes away after a while, a problem stays (issue 20). */
    private final StatusMessage message;
    private final BooleanProperty gatewayEnabled = new SimpleBooleanProperty(true);
    private final StringProperty gatewayPort = new SimpleStringProperty(Integer.toString(GatewayConfig.DEFAULT_PORT));
    private final StringProperty gatewayBind = new SimpleStringProperty(GatewayConfig.DEFAULT_BIND);
    private final StatusMessage gatewayMessage;
    private final BooleanProperty demo = new SimpleBooleanProperty();
    private final DatabaseSettingsViewModel database;
    /** What the form showed at the last load or save: a field that differs from it holds what is being typed. */
    private Loaded shown;
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private final WitnessSettingsViewModel witness;

    /**
     * Also follows settings changed by another process (the CLI, a second desktop, {@code arbiter serve}) while
     * the screen is open: each field shows the new value unless the person has changed it since it was shown,
     * which stays until Save (issue 20, the rule Compliance keeps for its control form).
     */
    public SettingsViewModel(DesktopContext context, GatewayControl gateway) {
        this.context = context;
        this.gateway = gateway;
        this.message = new StatusMessage(context.ui());
        this.gatewayMessage = new StatusMessage(context.ui());
        this.database = new DatabaseSettingsViewModel(context.workspace().directory(),
                context.workspace().database().describe(), System.getenv(), context.background());
        context.workspace().events().subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("setting") && reloadQueued.compareAndSet(false, true)) {
                // the watcher's thread: hand over to the UI thread, one reload however many notices come
                context.ui().execute(() -> {
                    reloadQueued.set(false);
                    reload();
                });
            }
        });
        this.witness = new WitnessSettingsViewModel(context.workspace().witness(), context.background(),
                context.workspace().events());
    }

    /** The Witness section: this workspace as the witness of other ledgers. */
    public WitnessSettingsViewModel witness() { return witness; }

    /** The Database section: the team database URL. */
    public DatabaseSettingsViewModel database() { return database; }

    public StringProperty reviewerProperty() { return reviewer; }
    public IntegerProperty retentionYearsProperty() { return retentionYears; }
    public StringProperty messageProperty() { return message.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return message.errorProperty(); }
    /** Start the gateway when Arbiter opens. */
    public BooleanProperty gatewayEnabledProperty() { return gatewayEnabled; }
    public StringProperty gatewayPortProperty() { return gatewayPort; }
    public StringProperty gatewayBindProperty() { return gatewayBind; }
    public StringProperty gatewayMessageProperty() { return gatewayMessage.textProperty(); }
    public BooleanProperty gatewayMessageIsErrorProperty() { return gatewayMessage.errorProperty(); }
    /** True in the demo workspace: the simulator is offered there only (it adds the demo agents). */
    public BooleanProperty demoProperty() { return demo; }
    public GatewayControl gateway() { return gateway; }

    public String dataDirectory() {
        return context.workspace().directory().root().toString();
    }

    private record Loaded(String reviewer, int years, boolean gatewayEnabled, GatewayConfig gateway, boolean demo) {
    }

    /** Loads the settings (each visit), keeping any field being typed in. */
    public void load() {
        database.load();
        reload();
    }

    private void reload() {
        Settings settings = context.workspace().settings();
        context.background().run(() -> new Loaded(Actor.current(settings),
                        settings.getInt(LedgerRetention.SETTING, LedgerRetention.DEFAULT_YEARS),
                        settings.getBoolean(GatewayControl.ENABLED_SETTING, true), GatewayConfig.from(settings),
                        DemoWorkspace.isDemo(settings)),
                this::show, failure -> {
                    // A read that waits for the database is re-run when it is back and the banner says so: it
                    // must not replace what the line says of the person's own save ("Saved." or its waiting).
                    if (!(failure instanceof SavePendingException)) {
                        message.error(failure.getMessage());
                    }
                });
    }

    /** Shows {@code values} in every field that still shows what was last loaded; typed fields stay. */
    private void show(Loaded values) {
        Loaded before = shown;
        shown = values;
        if (before == null || Objects.equals(reviewer.get(), before.reviewer())) {
            reviewer.set(values.reviewer());
        }
        if (before == null || retentionYears.get() == before.years()) {
            retentionYears.set(values.years());
        }
        if (before == null || gatewayEnabled.get() == before.gatewayEnabled()) {
            gatewayEnabled.set(values.gatewayEnabled());
        }
        if (before == null || Objects.equals(gatewayPort.get(), Integer.toString(before.gateway().port()))) {
            gatewayPort.set(Integer.toString(values.gateway().port()));
        }
        if (before == null || Objects.equals(gatewayBind.get(), before.gateway().bind())) {
            gatewayBind.set(values.gateway().bind());
        }
        demo.set(values.demo());
    }

    public void save() {
        String typedName = reviewer.get();
        String name = typedName == null ? "" : typedName.strip();
        int years = retentionYears.get();
        GatewayConfig config = gatewayConfig();
        if (config == null) {
            message.error("Not saved: fix the gateway settings (see below).");
            return;
        }
        boolean enabled = gatewayEnabled.get();
        Settings settings = context.workspace().settings();
        context.background().run(() -> {
            LedgerRetention.validYears(years);
            settings.put(Actor.SETTING, name);
            settings.put(LedgerRetention.SETTING, Integer.toString(years));
            saveGateway(settings, enabled, config);
            return null;
        }, ok -> {
            shown = new Loaded(typedName, years, enabled, config, demo.get()); // saved: no longer being typed
            message.info("Saved. Reviews and kill-switch changes are recorded as \""
                    + (name.isEmpty() ? Actor.osUser() : name) + "\".");
            GatewayConfig running = gateway.running();
            if (running != null && !running.equals(config)) {
                gatewayInfo("The gateway keeps listening on " + gateway.url() + " until you click Start again.");
            }
        }, failure -> message.error(failure.getMessage()));
    }

    private static void saveGateway(Settings settings, boolean enabled, GatewayConfig config) {
        settings.put(GatewayControl.ENABLED_SETTING, Boolean.toString(enabled));
        settings.put(GatewayConfig.PORT_SETTING, Integer.toString(config.port()));
        settings.put(GatewayConfig.BIND_SETTING, config.bind());
    }

    /** The form's port and address, or null (with the reason shown) when they are not valid. */
    GatewayConfig gatewayConfig() {
        String portText = gatewayPort.get() == null ? "" : gatewayPort.get().strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            gatewayError("Port: \"" + portText + "\" is not a number; use 1 to 65535 (8765 by default), "
                    + "or 0 for any free port.");
            return null;
        }
        try {
            return new GatewayConfig(gatewayBind.get() == null ? "" : gatewayBind.get().strip(), port);
        } catch (IllegalArgumentException e) {
            gatewayError((e.getMessage().startsWith("port") ? "Port: " : "Address: ") + e.getMessage() + ".");
            return null;
        }
    }

    /** Saves the port and address, then starts the gateway on them. */
    public void startGateway() {
        GatewayConfig config = gatewayConfig();
        if (config == null) {
            return;
        }
        gatewayInfo("");
        boolean enabled = gatewayEnabled.get();
        Settings settings = context.workspace().settings();
        context.background().run(() -> {
            saveGateway(settings, enabled, config);
            return null;
        }, ok -> gateway.start(config), failure -> gatewayError(Dialogs.messageOf(failure)));
    }

    public void stopGateway() {
        gatewayInfo("");
        gateway.stop();
    }

    /** Runs the demo agents against the gateway for a few minutes; their queued actions wait for you. */
    public void runSimulator() {
        String actor = reviewer.get() == null || reviewer.get().isBlank() ? Actor.osUser() : reviewer.get().strip();
        if (gateway.simulate(SIMULATION, SIMULATION_RATE, actor)) {
            gatewayInfo("The demo agents send about " + (int) SIMULATION_RATE + " requests a second for "
                    + SIMULATION.toMinutes() + " minutes. Gated and supervised ones wait in the Escalation Queue "
                    + "for you.");
        } else {
            gatewayError("Start the gateway first: the simulator talks to it over HTTP, as real agents do.");
        }
    }

    public void stopSimulator() {
        gateway.stopSimulation();
        gatewayInfo("The simulator stops after the requests in flight.");
    }

    public void pruneNow() {
        int years = retentionYears.get();
        String actor = context.actor();
        context.background().run(() -> context.workspace().retention().prune(years, actor),
                pruned -> message.info(pruned.map(p -> String.format(
                        "Archived %,d entries to %s and removed them; the chain still verifies from #%d.",
                        p.entries(), p.archive(), p.upToSeq() + 1))
                        .orElse("Nothing in the ledger is older than " + years + " years.")),
                failure -> message.error("Pruning failed: " + failure.getMessage()));
    }

    private void gatewayError(String text) {
        gatewayMessage.error(text);
    }

    private void gatewayInfo(String text) {
        gatewayMessage.info(text);
    }
}
