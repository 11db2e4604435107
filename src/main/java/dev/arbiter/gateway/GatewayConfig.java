package dev.arbiter.gateway;

import dev.arbiter.core.store.Settings;

/**
 * Where the gateway listens. Port 0 asks the system for a free port (the
 * chosen one is {@link GatewayServer#port()}).
 */
public record GatewayConfig(String bind, int port) {

    public static final String BIND_SETTING = "gateway.bind";
    public static final String PORT_SETTING = "gateway.port";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;

    public GatewayConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("the gateway needs an address to bind, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port; use 1 to 65535, or 0 for any free one");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_BIND, DEFAULT_PORT);
    }

    /** The workspace's gateway settings, else the defaults (127.0.0.1:8765). */
    public static GatewayConfig from(Settings settings) {
        return new GatewayConfig(settings.get(BIND_SETTING, DEFAULT_BIND),
                settings.getInt(PORT_SETTING, DEFAULT_PORT));
    }

    public GatewayConfig withBind(String address) {
        return new GatewayConfig(address, port);
    }

    public GatewayConfig withPort(int number) {
        return new GatewayConfig(bind, number);
    }
}
