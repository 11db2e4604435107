package dev.arbiter.desktop.settings;

import dev.arbiter.bench.DemoTraffic;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.GatewayServer;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision gateway inside the desktop: started on launch when the
 * workspace's {@value #ENABLED_SETTING} setting is on (the default), started
 * and stopped from Settings, stopped when the window closes. Binding and
 * draining happen on a lifecycle thread of its own, one change at a time, so a
 * Stop clicked during a Start waits for it; state reaches the FX thread
 * through {@link #stateProperty()} and {@link #statusProperty()}.
 *
 * <p>Also runs the demo simulator against the gateway, so a new user can see
 * the queue move.
 */
public final class GatewayControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayControl.class);
    public static final String ENABLED_SETTING = "gateway.enabled";

    /** Where the gateway stands. */
    public enum State { OFF, STARTING, ON, STOPPING, FAILED }

    private final DesktopContext context;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "arbiter-desktop-gateway");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.OFF);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Gateway off");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper simulating = new ReadOnlyBooleanWrapper();
    private volatile GatewayServer server;
    private volatile DemoTraffic traffic;

    public GatewayControl(DesktopContext context) {
        this.context = context;
    }

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    /** "Gateway on 127.0.0.1:8765", "Gateway off", "Gateway error: …", for the status bar. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** Why the last start failed, in words; empty when it did not. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty simulatingProperty() { return simulating.getReadOnlyProperty(); }

    /** The URL agents use, while it runs; null otherwise. */
    public String url() {
        GatewayServer s = server;
        return s == null ? null : s.url();
    }

    /** Where the running gateway listens as configured; null when it is not running. */
    public GatewayConfig running() {
        GatewayServer s = server;
        return s == null ? null : s.config();
    }

    /** On launch: starts the gateway when the workspace wants it on (the default for a new one). */
    public void startIfEnabled() {
        lifecycle.execute(() -> {
            boolean enabled;
            GatewayConfig config;
            try {
                enabled = context.workspace().settings().getBoolean(ENABLED_SETTING, true);
                config = GatewayConfig.from(context.workspace().settings());
            } catch (RuntimeException e) {
                failed("cannot read the gateway settings: " + Dialogs.messageOf(e));
                return;
            }
            if (enabled) {
                doStart(config);
            }
        });
    }

    /** Starts on {@code config} (stopping a gateway on other settings first). */
    public void start(GatewayConfig config) {
        lifecycle.execute(() -> {
            GatewayServer running = server;
            if (running != null && running.config().equals(config)) {
                return;
            }
            doStop();
            doStart(config);
        });
    }

    public void stop() {
        lifecycle.execute(this::doStop);
    }

    private void doStart(GatewayConfig config) {
        show(State.STARTING, "Gateway starting on " + config.bind() + ":" + config.port() + "…", "");
        GatewayServer s = new GatewayServer(context.workspace(), config);
        try {
            s.start();
        } catch (dev.arbiter.gateway.PortInUseException e) {
            // two desktops on one machine: the second says what to do here, not a command-line flag
            failed(e.bind() + ":" + e.port() + " is in use (another Arbiter desktop or gateway on "
                    + "this machine?). Enter another port in Settings › Decision gateway and press Start, or 0 for "
                    + "any free port.");
            return;
        } catch (IllegalStateException e) {
            failed(e.getMessage());
            return;
        }
        server = s;
        String where = s.url().replaceFirst("^http://", "");
        show(State.ON, "Gateway on " + where, "");
    }

    private void doStop() {
        DemoTraffic t = traffic;
        if (t != null) {
            t.stop();
        }
        GatewayServer s = server;
        if (s == null) {
            if (state.get() == State.FAILED) {
                show(State.OFF, "Gateway off", "");
            }
            return;
        }
        show(State.STOPPING, "Gateway stopping…", "");
        s.stop(); // answers open long polls, drains requests in flight
        server = null;
        show(State.OFF, "Gateway off", "");
    }

    private void failed(String why) {
        LOG.warn("Gateway not started: {}", why);
        show(State.FAILED, "Gateway error: " + why, why);
    }

    private void show(State next, String text, String why) {
        context.ui().execute(() -> {
            state.set(next);
            status.set(text);
            problem.set(why);
        });
    }

    /**
     * Runs the demo agents against the running gateway for {@code duration},
     * leaving their queued actions to the person at the screen; their tokens
     * are issued and revoked as {@code actor}. Returns false
     * when the gateway is not running or a simulation already is.
     */
    public boolean simulate(Duration duration, double rate, String actor) {
        String url = url();
        if (url == null || traffic != null) {
            return false;
        }
        Writer log = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        LOG.info("simulator: {}", line);
                        line.setLength(0);
                    } else {
                        line.append(buf[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        DemoTraffic run = new DemoTraffic(context.workspace(), url, actor + " (simulator)",
                new PrintWriter(log, true));
        traffic = run;
        simulating.set(true);
        Thread thread = new Thread(() -> {
            try {
                run.run(3, rate, duration, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Simulator stopped: {}", e.getMessage(), e);
            } finally {
                traffic = null;
                context.ui().execute(() -> simulating.set(false));
            }
        }, "arbiter-desktop-simulator");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    public void stopSimulation() {
        DemoTraffic t = traffic;
        if (t != null) {
            t.stop();
        }
    }

    /** Stops the gateway and waits for it (window closing): long polls answer before the workspace closes. */
    @Override
    public void close() {
        lifecycle.execute(this::doStop);
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("The gateway did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
