package dev.arbiter.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.core.Workspace;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision gateway: the HTTP face of the decision engine (gateway-api.md),
 * on the JDK's built-in server. Started headless by {@code arbiter serve}, or
 * by the desktop; {@link #start()} and {@link #stop()} may be called from any
 * thread (not the JavaFX thread: they bind and drain).
 *
 * <p>A request must arrive whole within {@value #REQUEST_TIMEOUT_SECONDS}
 * seconds, else its connection is closed (a client trickling its body cannot
 * hold a thread). Stopping refuses new requests, answers open long polls with
 * the decision as it stands, waits for requests in flight (at most
 * {@value #DRAIN_SECONDS} s) and then closes.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    public static final int REQUEST_TIMEOUT_SECONDS = 5;
    static final int DRAIN_SECONDS = 10;
    private static final int THREADS = 64;

    static {
        // Read once, when the JDK's server class loads: set before the first server exists.
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_TIMEOUT_SECONDS));
        // Headers and body go out in separate writes; without this, Nagle's algorithm holds the
        // body back for a delayed ACK (tens of milliseconds) on kept-alive connections.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final Workspace workspace;
    private final GatewayConfig config;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private volatile boolean stopping;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private ApiHandler handler;

    public GatewayServer(Workspace workspace, GatewayConfig config) {
        this.workspace = workspace;
        this.config = config;
    }

    /**
     * Binds and starts serving. Throws {@link IllegalStateException} with a
     * message a person can act on when the address cannot be bound (port in
     * use, unknown address).
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(config.bind()), config.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot listen on " + config.bind() + ": no such address on this machine.");
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "arbiter-gateway-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        HttpServer http;
        try {
            http = HttpServer.create(address, 4096);
        } catch (BindException e) {
            pool.shutdown();
            throw new IllegalStateException("Cannot listen on " + config.bind() + ":" + config.port()
                    + (config.port() == 0 ? "" : ": the port is in use (is another Arbiter gateway running?); "
                    + "choose another with --port, or 0 for any free port") + ".");
        } catch (IOException e) {
            pool.shutdown();
            throw new IllegalStateException("Cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + e.getMessage());
        }
        ApiHandler api = new ApiHandler(workspace.decisions(), workspace.tokens(), pool, new ApiHandler.Host() {
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
        http.createContext("/", api);
        http.setExecutor(pool);
        stopping = false;
        http.start();
        server = http;
        executor = pool;
        handler = api;
        LOG.info("Gateway listening on {}", url());
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
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Gateway on {} stopped after {} requests", url(), served.get());
        server = null;
        executor = null;
        handler = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port listened on (the chosen one when configured with 0); -1 when not running. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:8765}, with the real port; null when not running. */
    public synchronized String url() {
        if (server == null) {
            return null;
        }
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + port();
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
