package dev.arbiter.gateway;

import dev.arbiter.core.Workspace;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision gateway: the HTTP face of the decision engine (gateway-api.md)
 * on Jetty 12's core API. Started headless by {@code arbiter serve}, or by the
 * desktop; {@link #start()} and {@link #stop()} may be called from any thread
 * (not the JavaFX thread: they bind and drain).
 *
 * <p>Every resource a caller can make it spend is bounded: at most
 * {@value #MAX_CONNECTIONS} connections (further ones wait in an accept queue
 * of {@value #ACCEPT_QUEUE}), {@value #THREADS} threads with a job queue of
 * {@value #JOB_QUEUE}, request headers of {@value #MAX_HEADER_BYTES} bytes
 * (431 beyond), bodies of 64 KiB (413), headers complete within
 * {@value #HEADER_PERIOD_MILLIS}–2×{@value #HEADER_PERIOD_MILLIS} ms of their
 * first byte ({@link HeaderDeadline}), a body within
 * {@value #REQUEST_TIMEOUT_SECONDS} s (408), and idle kept-alive connections
 * {@value #IDLE_SECONDS} s. Waiting requests (long polls, decisions until the
 * ledger has them) hold no thread. Refusals are throttled and aggregated
 * ({@link Refusals}).
 *
 * <p>Stopping refuses new requests, answers open long polls with the decision
 * as it stands, waits for requests in flight (at most {@value #DRAIN_SECONDS}
 * s), writes the refusals counted so far to the ledger, and then closes.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    public static final int REQUEST_TIMEOUT_SECONDS = 5;
    static final int DRAIN_SECONDS = 10;
    static final int THREADS = 32;
    static final int JOB_QUEUE = 4096;
    static final int MAX_CONNECTIONS = 4096;
    static final int ACCEPT_QUEUE = 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int IDLE_SECONDS = 30;
    static final long HEADER_PERIOD_MILLIS = 2_500;
    /** Refusals a source may get at once, and per second after that, before it is answered 429. */
    static final int REFUSAL_BURST = 20;
    static final double REFUSALS_PER_SECOND = 5;
    /** Sources tracked for throttling and aggregation at most. */
    static final int MAX_SOURCES = 1024;
    static final Duration REFUSAL_WINDOW = Duration.ofSeconds(10);

    private final Workspace workspace;
    private final GatewayConfig config;
    private final Duration refusalWindow;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private volatile boolean stopping;
    private Server server;
    private ServerConnector connector;
    private ApiHandler handler;
    private RefusalDigest digest;
    private Scheduler.Task digestTimer;

    public GatewayServer(Workspace workspace, GatewayConfig config) {
        this(workspace, config, REFUSAL_WINDOW);
    }

    /** With another refusal window (tests, so that aggregated entries appear sooner). */
    GatewayServer(Workspace workspace, GatewayConfig config, Duration refusalWindow) {
        this.workspace = workspace;
        this.config = config;
        this.refusalWindow = refusalWindow;
    }

    /**
     * Binds and starts serving. Throws {@link IllegalStateException} with a
     * message a person can act on when the address cannot be bound (port in
     * use, unknown address), when a non-loopback address is asked for without
     * TLS or {@code --insecure-no-tls}, or when the TLS files cannot be read.
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        config.requireSafeTransport();
        try {
            InetAddress.getByName(config.bind());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot listen on " + config.bind() + ": no such address on this machine.");
        }
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 4, 30_000, new BlockingArrayQueue<>(64, 64, JOB_QUEUE));
        pool.setName("arbiter-gateway");
        pool.setDaemon(true);
        Server jetty = new Server(pool);
        ServerConnector http = connector(jetty);
        jetty.addConnector(http);
        jetty.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, http));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(500); // requests were drained already; this only bounds closing idle connections
        stopping = false;
        try {
            http.open(); // binds now, so the handler knows the real port
        } catch (Exception e) {
            stopQuietly(jetty);
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            if (!(e instanceof BindException || e.getCause() instanceof BindException)) {
                throw new IllegalStateException("Cannot listen on " + config.bind() + ":" + config.port() + ": "
                        + e.getMessage());
            }
            if (config.port() == 0) {
                throw new IllegalStateException("Cannot listen on " + config.bind() + ":0.");
            }
            throw new PortInUseException(config.bind(), config.port());
        }
        Scheduler scheduler = http.getScheduler();
        RefusalDigest refusals = new RefusalDigest(summary -> workspace.tokens().auditRefusals(summary),
                refusalWindow, MAX_SOURCES, Clock.systemUTC());
        Executor replies = task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // the job queue is full: answer on this thread rather than never
            }
        };
        ApiHandler api = new ApiHandler(workspace.decisions(), workspace.tokens(),
                new ApiHandler.Front(replies, scheduler,
                        new CallerCheck(config.bind(), http.getLocalPort(), config.tls() != null, config.hostNames()),
                        new Refusals(new RefusalThrottle(REFUSAL_BURST, REFUSALS_PER_SECOND, MAX_SOURCES,
                                System::nanoTime), refusals),
                        () -> workspace.ledger().health(), workspace::telemetry, workspace.receipts(),
                        workspace.witness()),
                new ApiHandler.Host() {
                    @Override
                    public void began() {
                        open.incrementAndGet();
                    }

                    @Override
                    public void ended(int status) {
                        served.incrementAndGet();
                        if (open.decrementAndGet() == 0 && stopping) {
                            synchronized (open) {
                                open.notifyAll();
                            }
                        }
                    }

                    @Override
                    public boolean stopping() {
                        return stopping;
                    }
                });
        jetty.setHandler(api);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IllegalStateException("Cannot start the gateway on " + config.bind() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        server = jetty;
        connector = http;
        handler = api;
        digest = refusals;
        digestTimer = scheduleFlushes(scheduler, refusals);
        LOG.info("Gateway listening on {}", url());
    }

    private ServerConnector connector(Server jetty) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(IDLE_SECONDS * 1000L);
        // The routes match the raw path themselves and answer 404 for anything else, encoded dots included.
        http.setUriCompliance(UriCompliance.LEGACY);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        ServerConnector c;
        if (config.tls() != null) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            c = new ServerConnector(jetty, 1, 1, new SslConnectionFactory(PemTls.contextFactory(config.tls()),
                    plain.getProtocol()), plain);
        } else {
            c = new ServerConnector(jetty, 1, 1, plain);
        }
        c.setHost(config.bind());
        c.setPort(config.port());
        c.setIdleTimeout(IDLE_SECONDS * 1000L);
        c.setAcceptQueueSize(ACCEPT_QUEUE);
        c.setAcceptedTcpNoDelay(true);
        c.addBean(new HeaderDeadline(c.getScheduler(), HEADER_PERIOD_MILLIS));
        return c;
    }

    /** Hands ended refusal windows to the ledger a few times a window, until stopped. */
    private Scheduler.Task scheduleFlushes(Scheduler scheduler, RefusalDigest refusals) {
        long period = Math.max(100, refusalWindow.toMillis() / 4);
        return scheduler.schedule(new Runnable() {
            @Override
            public void run() {
                refusals.flushEnded();
                synchronized (GatewayServer.this) {
                    if (server != null) {
                        digestTimer = scheduler.schedule(this, period, TimeUnit.MILLISECONDS);
                    }
                }
            }
        }, period, TimeUnit.MILLISECONDS);
    }

    /** Finishes requests in flight (long polls answer at once), then closes. Safe to call twice. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopping = true;
        handler.releasePolls();
        long deadline = System.currentTimeMillis() + DRAIN_SECONDS * 1000L;
        synchronized (open) {
            while (open.get() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    open.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (open.get() > 0) {
            LOG.warn("Gateway stopped with {} requests still open", open.get());
        }
        String was = url();
        digestTimer.cancel();
        stopQuietly(server);
        flushRefusals();
        LOG.info("Gateway on {} stopped after {} requests", was, served.get());
        server = null;
        connector = null;
        handler = null;
        digest = null;
    }

    /**
     * Writes the refusals counted in windows not yet ended, and waits (at most
     * 5 s) until the ledger has them: on shutdown, and for tests.
     */
    synchronized void flushRefusals() {
        try {
            digest.flushAll().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Refusals counted since the last window could not be audited: {}", e.getMessage());
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Gateway did not stop cleanly: {}", e.getMessage());
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port listened on (the chosen one when configured with 0); -1 when not running. */
    public synchronized int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:8765} (https with TLS), with the real port; null when not running. */
    public synchronized String url() {
        if (server == null) {
            return null;
        }
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return (config.tls() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    public GatewayConfig config() {
        return config;
    }

    /** Requests answered since start (for a status bar). */
    public long requestsServed() {
        return served.get();
    }

    /** Requests being handled right now, long polls included. */
    public int requestsOpen() {
        return open.get();
    }

    @Override
    public void close() {
        stop();
    }
}
