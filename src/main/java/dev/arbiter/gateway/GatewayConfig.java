package dev.arbiter.gateway;

import dev.arbiter.core.store.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where and how the gateway listens. Port 0 asks the system for a free port
 * (the chosen one is {@link GatewayServer#port()}).
 *
 * <p>A bind address other than loopback needs {@code tls} (PEM certificate
 * and key) unless {@code insecureNoTls} says the user chose plain HTTP on a
 * network on purpose (gateway-api.md, "Hostile traffic"; ARCHITECTURE.md:
 * "gateways on a network use TLS"). {@code hostNames} are the extra names
 * (besides {@code 127.0.0.1}, {@code localhost}, {@code [::1]} and the bind
 * address) that a request's {@code Host} may carry; anything else is refused
 * as DNS rebinding.
 *
 * @param bind           address to listen on, e.g. {@code 127.0.0.1}
 * @param port           0–65535; 0 picks a free port
 * @param tls            certificate, key and optional client CA; null for plain HTTP
 * @param insecureNoTls  true allows plain HTTP on a non-loopback address
 * @param hostNames      further names accepted in {@code Host} (lower case, no port)
 */
public record GatewayConfig(String bind, int port, TlsFiles tls, boolean insecureNoTls, List<String> hostNames) {

    public static final String BIND_SETTING = "gateway.bind";
    public static final String PORT_SETTING = "gateway.port";
    public static final String INSECURE_SETTING = "gateway.insecure_no_tls";
    public static final String TLS_CERT_SETTING = "gateway.tls_cert";
    public static final String TLS_KEY_SETTING = "gateway.tls_key";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;

    /**
     * PEM files for TLS: the certificate chain, its PKCS#8 private key, and
     * optionally the CA whose certificates clients must present (then a client
     * without one is refused during the handshake).
     */
    public record TlsFiles(Path certificate, Path privateKey, Path clientCa) {
        public TlsFiles {
            if (certificate == null || privateKey == null) {
                throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key (PEM files)");
            }
        }
    }

    public GatewayConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("the gateway needs an address to bind, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port; use 1 to 65535, or 0 for any free one");
        }
        hostNames = hostNames == null ? List.of()
                : hostNames.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Plain HTTP on {@code bind:port}, no extra host names. */
    public GatewayConfig(String bind, int port) {
        this(bind, port, null, false, List.of());
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_BIND, DEFAULT_PORT);
    }

    /** The workspace's gateway settings, else the defaults (127.0.0.1:8765, plain HTTP on loopback). */
    public static GatewayConfig from(Settings settings) {
        String cert = settings.get(TLS_CERT_SETTING, "");
        String key = settings.get(TLS_KEY_SETTING, "");
        TlsFiles tls = cert.isBlank() || key.isBlank() ? null : new TlsFiles(Path.of(cert), Path.of(key), null);
        return new GatewayConfig(settings.get(BIND_SETTING, DEFAULT_BIND), settings.getInt(PORT_SETTING, DEFAULT_PORT),
                tls, Boolean.parseBoolean(settings.get(INSECURE_SETTING, "false")), List.of());
    }

    public GatewayConfig withBind(String address) {
        return new GatewayConfig(address, port, tls, insecureNoTls, hostNames);
    }

    public GatewayConfig withPort(int number) {
        return new GatewayConfig(bind, number, tls, insecureNoTls, hostNames);
    }

    public GatewayConfig withTls(TlsFiles files) {
        return new GatewayConfig(bind, port, files, insecureNoTls, hostNames);
    }

    public GatewayConfig withInsecureNoTls(boolean insecure) {
        return new GatewayConfig(bind, port, tls, insecure, hostNames);
    }

    public GatewayConfig withHostNames(List<String> names) {
        return new GatewayConfig(bind, port, tls, insecureNoTls, names);
    }

    /** True when the bind address is a loopback address (127.0.0.0/8, ::1, or a name resolving to one). */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Refuses a configuration that would put plain HTTP on a network: a
     * non-loopback bind needs TLS or the explicit {@code --insecure-no-tls}.
     *
     * @throws IllegalStateException naming what to pass instead
     */
    public void requireSafeTransport() {
        if (tls == null && !insecureNoTls && !isLoopback()) {
            throw new IllegalStateException("Listening on " + bind + " reaches beyond this machine, so it needs TLS: "
                    + "pass --tls-cert CERT.pem --tls-key KEY.pem (or set them in Settings), or "
                    + "--insecure-no-tls if you really mean plain HTTP on a network.");
        }
    }
}
