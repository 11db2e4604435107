package dev.arbiter.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the gateway at all (issue 13 §2, gateway-api.md "Hostile
 * traffic"): agents, not browsers. A request is refused when its {@code Host}
 * is not one of this gateway's names at its port (DNS rebinding: a web page
 * whose name resolves to 127.0.0.1 sends its own name), or when it carries an
 * {@code Origin} header, which browsers add and agents do not.
 *
 * <p>Accepted names: {@code 127.0.0.1}, {@code localhost}, {@code [::1]}, the
 * bind address, and the configured ones; compared without case. A
 * {@code Host} without a port means the scheme's default (80, or 443 with
 * TLS), as HTTP defines it, so it matches only a gateway on that port.
 */
final class CallerCheck {

    private final Set<String> names = new HashSet<>();
    private final int port;
    private final int defaultPort;
    private final String scheme;

    /**
     * @param bind      the address listened on (a wildcard adds no name)
     * @param port      the port actually bound
     * @param tls       whether the gateway speaks TLS (default port 443 instead of 80)
     * @param hostNames further accepted names, lower case, without port
     */
    CallerCheck(String bind, int port, boolean tls, List<String> hostNames) {
        this.port = port;
        this.defaultPort = tls ? 443 : 80;
        this.scheme = tls ? "https" : "http";
        names.add("127.0.0.1");
        names.add("localhost");
        names.add("[::1]");
        String b = bind.toLowerCase(Locale.ROOT);
        if (!b.equals("0.0.0.0") && !b.equals("::") && !b.equals("[::]")) {
            names.add(b.contains(":") && !b.startsWith("[") ? "[" + b + "]" : b);
        }
        names.addAll(hostNames);
    }

    /** Why the request is refused, or null when it may go on. */
    String refusal(String host, String origin) {
        if (origin != null) {
            return "Origin header (a browser, not an agent)";
        }
        if (host == null || host.isBlank()) {
            return "no Host header";
        }
        return accepts(host.strip()) ? null : "foreign Host";
    }

    /**
     * Whether {@code origin} (an {@code Origin} header) is this server's own, as RFC 6454 compares origins:
     * the same scheme ({@code http}, or {@code https} with TLS), an accepted name and this port, and nothing
     * else: no user info, path, query or fragment, which no browser puts in an origin. {@code null}
     * (sandboxed and {@code file:} pages) is never this server's.
     */
    boolean ownOrigin(String origin) {
        try {
            java.net.URI uri = new java.net.URI(origin);
            return scheme.equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null
                    && uri.getRawAuthority() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/")) && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && accepts(uri.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private boolean accepts(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        boolean bracketed = h.startsWith("[");
        String name;
        int given;
        if (colon < 0 || (bracketed && colon < h.indexOf(']'))) {
            name = h;
            given = defaultPort;
        } else {
            name = h.substring(0, colon);
            String digits = h.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            given = Integer.parseInt(digits);
        }
        return given == port && names.contains(name);
    }
}
