package dev.arbiter.core.policy;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one canonical form of a network target, {@code host:port}, shared by a
 * request's {@code target} and a policy's {@code network_access} entries, so
 * that {@code crm-api.internal:0443}, {@code CRM-API.INTERNAL:443} and
 * {@code crm-api.internal.:443} are one target (the guide's network
 * segmentation: "anything not listed is blocked" needs one spelling per target).
 *
 * <p>Canonicalised: host letters to lower case; one trailing dot of a fully
 * qualified name dropped; an internationalised name to its ASCII (punycode)
 * form, {@code xn--...} (so a look-alike is simply another host, not in the
 * list); leading zeros of the port dropped ({@code 0443} is port 443); an
 * IPv6 address in brackets to its RFC 5952 text ({@code [0:0:0:0:0:0:0:1]}
 * is {@code [::1]}), an IPv4-mapped one to the IPv4 address.
 *
 * <p>Refused, with what to write instead: no port (there is no default port,
 * a target is not a URL), a port outside 1–65535 or with a sign, a scheme
 * ({@code https://}), user info ({@code user@}), a path, white space or
 * control characters, percent-encoding, an IPv6 address without brackets or
 * with a zone, an empty label ({@code a..b}), a numeric host that is not a
 * plain dotted quad ({@code 010.0.0.1}, {@code 2130706433}: readers disagree
 * on octal and integer forms), a host over 253 characters or a label over 63.
 *
 * @param host canonical host (lower case, ASCII; IPv6 in brackets); may hold {@code *} in a pattern
 * @param port 1–65535, or -1 for {@code *} (any port; patterns only)
 */
public record HostPort(String host, int port) {

    /** Either the canonical target or why there is none. */
    public sealed interface Reading permits Canonical, Refused {
    }

    /** A readable target in canonical form. */
    public record Canonical(HostPort target) implements Reading {
    }

    /** An unreadable target; the message says what to write instead. */
    public record Refused(String message) implements Reading {
    }

    /** {@code host:port}, the canonical text ({@code *} for any port). */
    public String text() {
        return host + ":" + (port < 0 ? "*" : String.valueOf(port));
    }

    @Override
    public String toString() {
        return text();
    }

    /** Reads a request's target: no wildcards. */
    public static Reading read(String text) {
        return read(text, false);
    }

    /** Reads a target, or with {@code wildcards} a {@code network_access} entry ({@code *.internal:*}). */
    static Reading read(String text, boolean wildcards) {
        String example = "; write host:port, e.g. crm-api.internal:443";
        if (text == null || text.isEmpty()) {
            return refused("\"\" is empty" + example);
        }
        String q = NameSyntax.quote(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return refused(q + " contains white space or a control character at position " + (i + 1)
                        + "; remove it");
            }
        }
        if (text.contains("://")) {
            return refused(q + " is a URL; write only host:port" + example);
        }
        if (text.indexOf('@') >= 0) {
            return refused(q + " contains user info (user@); write only host:port" + example);
        }
        if (text.indexOf('/') >= 0 || text.indexOf('\\') >= 0 || text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
            return refused(q + " contains a path; write only host:port" + example);
        }
        if (text.indexOf('%') >= 0) {
            return refused(q + " contains '%': percent-encoding and IPv6 zones are not accepted" + example);
        }
        String hostText;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return refused(q + " needs a port after the IPv6 address, e.g. [::1]:443");
            }
            hostText = text.substring(0, close + 1);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return refused(q + " has no port; a target names one, e.g. " + text + ":443");
            }
            hostText = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (hostText.indexOf(':') >= 0) {
                return refused(q + " looks like an IPv6 address; put it in brackets, e.g. [::1]:443");
            }
        }
        Integer port = port(portText, wildcards);
        if (port == null) {
            return refused(q + " has port \"" + portText + "\"; a port is a number from 1 to 65535"
                    + (wildcards ? " (or * for any)" : ""));
        }
        if (hostText.isEmpty()) {
            return refused(q + " has no host" + example);
        }
        Reading host = hostText.startsWith("[") ? ipv6(hostText, q) : name(hostText, q, wildcards);
        if (host instanceof Canonical c) {
            return new Canonical(new HostPort(c.target().host(), port));
        }
        return host;
    }

    private static Integer port(String text, boolean wildcards) {
        if (wildcards && text.equals("*")) {
            return -1;
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long value = Long.parseLong(text);
        return value >= 1 && value <= 65535 ? (int) value : null;
    }

    private static Reading ipv6(String bracketed, String q) {
        String inside = bracketed.substring(1, bracketed.length() - 1);
        if (inside.isEmpty() || !inside.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return refused(q + " has an IPv6 address that cannot be read; write e.g. [fd00::1]:443");
        }
        try {
            // brackets make the JDK read a literal (or fail) and never ask DNS
            InetAddress address = InetAddress.getByName(bracketed);
            if (address instanceof Inet4Address v4) {
                return new Canonical(new HostPort(v4.getHostAddress(), 0));
            }
            return new Canonical(new HostPort("[" + compress(address.getAddress()) + "]", 0));
        } catch (UnknownHostException e) {
            return refused(q + " has an IPv6 address that cannot be read; write e.g. [fd00::1]:443");
        }
    }

    private static Reading name(String host, String q, boolean wildcards) {
        String ascii = host;
        if (!host.chars().allMatch(c -> c < 128)) {
            try {
                ascii = IDN.toASCII(host, 0);
            } catch (IllegalArgumentException e) {
                return refused(q + " has a host name that is not a valid internationalised name; write its "
                        + "xn-- (punycode) form");
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.endsWith(".") && ascii.length() > 1) {
            ascii = ascii.substring(0, ascii.length() - 1); // the root label of a fully qualified name
        }
        if (ascii.length() > 253) {
            return refused(q + " has a host name of " + ascii.length() + " characters; at most 253");
        }
        String[] labels = ascii.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            if (label.isEmpty()) {
                return refused(q + " has an empty label in its host name (a leading or doubled dot)");
            }
            if (label.length() > 63) {
                return refused(q + " has a host name label of " + label.length() + " characters; at most 63");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || wildcards && c == '*')) {
                    return refused(q + " has '" + c + "' in its host name: use letters, digits, - _ and ."
                            + (wildcards ? " (and * as a wildcard)" : ""));
                }
            }
            numeric &= label.chars().allMatch(c -> c >= '0' && c <= '9');
        }
        if (numeric && !dottedQuad(labels)) {
            return refused(q + " has a numeric host that is not a plain IPv4 address; write four numbers from 0 "
                    + "to 255 without leading zeros, e.g. 10.0.0.1:443");
        }
        return new Canonical(new HostPort(ascii, 0));
    }

    private static boolean dottedQuad(String[] labels) {
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            if (label.length() > 3 || label.length() > 1 && label.charAt(0) == '0' || Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5952 text of 16 address bytes: lower-case hex, the longest run of two or more zero groups as ::. */
    private static String compress(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static Reading refused(String message) {
        return new Refused(message);
    }

    /** Why {@code text} is not a target, or empty. */
    public static Optional<String> problemWith(String text) {
        return read(text) instanceof Refused r ? Optional.of(r.message()) : Optional.empty();
    }
}
