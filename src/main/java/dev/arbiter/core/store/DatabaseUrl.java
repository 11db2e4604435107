package dev.arbiter.core.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A team database given as {@code postgresql://host[:port]/database[?user=…&…]}
 * (also {@code postgres://} and {@code jdbc:postgresql://}), the form of
 * {@code --database}, {@code ARBITER_DATABASE_URL} and the Settings field.
 *
 * <p>A password is refused wherever it would be visible (in the user-info part
 * or as a {@code password=} parameter): command lines show in {@code ps} and
 * shell history, and URLs end up in logs. pgjdbc reads {@code PGPASSWORD} and
 * {@code ~/.pgpass} itself; the CLI prompts otherwise.
 *
 * @param host     server host name or address, never empty
 * @param port     TCP port, 1–65535 (5432 when the URL leaves it out)
 * @param database database name, never empty
 * @param params   the remaining query parameters, passed to pgjdbc as given
 */
public record DatabaseUrl(String host, int port, String database, Map<String, String> params) {

    /** PostgreSQL's default port. */
    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        params = Map.copyOf(params);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The database URL is empty; write postgresql://host:5432/arbiter?user=NAME");
        }
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = trimmed.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = trimmed.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = trimmed.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("The database URL must start with postgresql:// (got \""
                    + redact(trimmed) + "\"); write postgresql://host:5432/arbiter?user=NAME");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The database URL is not a valid URL at character " + e.getIndex()
                    + " (" + e.getReason() + "); write postgresql://host:5432/arbiter?user=NAME");
        }
        Map<String, String> params = new LinkedHashMap<>();
        // The authority is split by hand: java.net.URI gives no host for names it deems
        // invalid (an underscore, as in Docker service names), and such URLs are common.
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            if (userInfo.contains(":")) {
                throw passwordRefused();
            }
            params.put("user", decode(userInfo));
            authority = authority.substring(at + 1);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equalsIgnoreCase("password")) {
                    throw passwordRefused();
                }
                params.put(key, value);
            }
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The database URL's port \"" + authority.substring(colon + 1)
                        + "\" is not a number; write postgresql://" + host + ":5432/arbiter");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("The database URL names no host; write postgresql://host:5432/arbiter");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException("The database URL names no database after the host (\""
                    + uri.getPath() + "\"); write postgresql://" + host + ":5432/arbiter");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The database URL's port " + port + " is out of range 1-65535");
        }
        return new DatabaseUrl(host, port, database, params);
    }

    /** The user name from {@code user=} or the user-info part, if the URL gives one. */
    public Optional<String> user() {
        return Optional.ofNullable(params.get("user"));
    }

    /** The URL for pgjdbc. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(encode(database));
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return url.toString();
    }

    /** {@code postgresql://host:port/database}, for messages and logs (holds no secret). */
    @Override
    public String toString() {
        return "postgresql://" + user().map(u -> u + "@").orElse("") + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static IllegalArgumentException passwordRefused() {
        return new IllegalArgumentException("The database URL must not contain a password (command lines and logs "
                + "show it): remove it and set PGPASSWORD, or put it in ~/.pgpass, or let arbiter prompt for it");
    }

    private static String redact(String text) {
        return text.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^:/@]*):[^@]*@", "//$1:***@");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
