package dev.arbiter.core.policy;

import java.util.Optional;

/**
 * One entry of a policy's {@code network_access}: {@code host:port}, where the
 * host may use {@code *} wildcards ({@code *.internal}) and the port may be
 * {@code *}. Anything not listed is blocked (the guide's network segmentation).
 */
public final class NetworkTarget extends WrittenEntry {

    private final Glob host;
    private final int port; // -1: any port

    private NetworkTarget(String text, Glob host, int port) {
        super(text);
        this.host = host;
        this.port = port;
    }

    public static Optional<NetworkTarget> tryParse(String text) {
        if (problemWith(text).isPresent()) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        String portText = text.substring(colon + 1);
        int port = portText.equals("*") ? -1 : Integer.parseInt(portText);
        return Optional.of(new NetworkTarget(text, new Glob(text.substring(0, colon)), port));
    }

    /** Why {@code text} is not a {@code host:port} entry, or empty when it is. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("a network entry cannot be empty; write host:port, e.g. crm-api.internal:443");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.of("\"" + text + "\" is not host:port; write e.g. crm-api.internal:443");
        }
        Optional<String> unexpected = unexpectedCharacter(text.substring(0, colon), "-.*_");
        if (unexpected.isPresent()) {
            return Optional.of("\"" + text + "\" has '" + unexpected.get()
                    + "' in its host name: use letters, digits, - . and * only");
        }
        String port = text.substring(colon + 1);
        if (!port.equals("*")) {
            int value;
            try {
                value = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                return Optional.of("\"" + text + "\" has port \"" + port + "\": a port is a number from 1 to 65535"
                        + " (or * for any)");
            }
            if (value < 1 || value > 65535) {
                return Optional.of("\"" + text + "\" has port " + value + ": a port is from 1 to 65535");
            }
        }
        return Optional.empty();
    }

    /** True when {@code hostPort} (as an agent sends it) is covered by this entry. */
    public boolean matches(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        if (port >= 0) {
            int asked;
            try {
                asked = Integer.parseInt(hostPort, colon + 1, hostPort.length(), 10);
            } catch (NumberFormatException e) {
                return false;
            }
            if (asked != port) {
                return false;
            }
        }
        return host.matches(hostPort, 0, colon);
    }
}
