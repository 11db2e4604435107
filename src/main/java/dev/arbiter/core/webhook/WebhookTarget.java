package dev.arbiter.core.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may post (issue 16; server-side request forgery): only to public addresses, so an
 * Arbiter host inside a network cannot be made to post alerts into it, nor into the cloud metadata
 * service at 169.254.169.254. The rule, checked when a webhook is added and again before every send
 * (a name may resolve elsewhere later):
 * <ul>
 * <li>the host is a name, a dotted-decimal IPv4 address (four numbers 0-255, no leading zeros) or an
 *     IPv6 literal; other IPv4 spellings (decimal {@code 2852039166}, hex {@code 0xa9fea9fe}, octal
 *     {@code 0251.0376.0251.0376}, fewer than four parts) are refused, as tools read them differently;</li>
 * <li>every address the host resolves to is public: not loopback, unspecified, link-local
 *     (169.254/16, fe80::/10), private (10/8, 172.16/12, 192.168/16), unique-local (fc00::/7),
 *     site-local (fec0::/10), shared (100.64/10), multicast, broadcast or reserved (0/8, 192.0.0/24,
 *     198.18/15, 240/4), also when written inside IPv6 (IPv4-mapped {@code ::ffff:a.b.c.d},
 *     IPv4-compatible, IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 *     {@code 2002::/16}), and the local-use NAT64 prefix {@code 64:ff9b:1::/48} (RFC 8215) as a whole;</li>
 * <li>an address literal that cannot be parsed here (a zone id naming no interface) is refused;</li>
 * <li>the one exception is a loopback address written literally ({@code localhost}, {@code 127.x.y.z},
 *     {@code [::1]}): a relay the operator runs on this machine. Any other name that resolves to loopback
 *     is refused.</li>
 * </ul>
 * Redirects are never followed by the sender, so a public target cannot bounce a post inward.
 */
public final class WebhookTarget {

    private static final Pattern NUMERIC_LABELS = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Resolves a host name to its addresses; the real one is DNS, tests may give another. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The system's resolver (DNS and the hosts file). */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    private WebhookTarget() {
    }

    /**
     * Why {@code url} may not be posted to, or empty when it may. A name that does not resolve is not
     * refused here (the send fails and is retried). Never includes the URL's path or query.
     */
    public static Optional<String> refusal(URI url, Resolver resolver) {
        String raw = url.getHost();
        if (raw == null) {
            return Optional.of("the address has no host");
        }
        String host = raw.toLowerCase(Locale.ROOT);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        if (!bracketed && NUMERIC_LABELS.matcher(bare).matches() && !DOTTED_QUAD.matcher(bare).matches()) {
            return Optional.of("host " + raw + " is an IPv4 address in an unusual spelling; write it as four "
                    + "decimal numbers (e.g. 203.0.113.7)");
        }
        if (literalLoopback(bare, bracketed)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        boolean literal = bracketed || DOTTED_QUAD.matcher(bare).matches();
        try {
            // a literal is parsed, never looked up; only a name goes to the resolver
            addresses = literal ? new InetAddress[] {InetAddress.getByName(bare)} : resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            // a name that does not resolve fails at the send; an address that does not parse here (a zone id
            // naming no interface) may parse elsewhere, so it is refused rather than let through unjudged
            return literal ? Optional.of("host " + raw + " is an address literal that cannot be read here ("
                    + e.getMessage() + "); write a public address without a zone id") : Optional.empty();
        }
        for (InetAddress a : addresses) {
            Optional<String> kind = nonPublic(a);
            if (kind.isPresent()) {
                return Optional.of("host " + raw + (a.getHostAddress().equalsIgnoreCase(bare) ? "" : " resolves to "
                        + a.getHostAddress() + ", which") + " is " + kind.get() + "; webhooks post only to public "
                        + "addresses (a relay on this machine may be given as http://127.0.0.1:PORT)");
            }
        }
        return Optional.empty();
    }

    private static boolean literalLoopback(String bare, boolean bracketed) {
        return bare.equals("localhost") || (!bracketed && DOTTED_QUAD.matcher(bare).matches() && bare.startsWith("127."))
                || (bracketed && bare.equals("::1"));
    }

    /** What kind of non-public address {@code a} is ("link-local (169.254/16, cloud metadata)"), or empty. */
    static Optional<String> nonPublic(InetAddress a) {
        if (a instanceof Inet4Address v4) {
            return nonPublic4(v4.getAddress());
        }
        byte[] b = a.getAddress();
        Inet6Address v6 = (Inet6Address) a;
        if (v6.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (v6.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (v6.isLinkLocalAddress()) {
            return Optional.of("link-local (fe80::/10)");
        }
        if (v6.isSiteLocalAddress()) {
            return Optional.of("site-local (fec0::/10)");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local (fc00::/7)");
        }
        if (v6.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (isZero(b, 0, 12)) {
            return embedded(b, 12, "IPv4-compatible");
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12)) {
            return embedded(b, 12, "NAT64");
        }
        if (isZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && isZero(b, 10, 12)) {
            return embedded(b, 12, "IPv4-translated (RFC 2765)");
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && (b[4] & 0xff) == 0x00 && (b[5] & 0xff) == 0x01) {
            return Optional.of("local-use NAT64 (64:ff9b:1::/48, RFC 8215), which reaches the site's own IPv4 "
                    + "network");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return embedded(b, 2, "6to4");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int from, String form) {
        byte[] v4 = {b[from], b[from + 1], b[from + 2], b[from + 3]};
        return nonPublic4(v4).map(k -> k + ", written as " + form + " IPv6");
    }

    private static Optional<String> nonPublic4(byte[] a) {
        int o0 = a[0] & 0xff;
        int o1 = a[1] & 0xff;
        int o2 = a[2] & 0xff;
        if (o0 == 127) {
            return Optional.of("loopback");
        }
        if (o0 == 169 && o1 == 254) {
            return Optional.of("link-local (169.254/16, where cloud metadata services answer)");
        }
        if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (o0 == 100 && o1 >= 64 && o1 <= 127) {
            return Optional.of("shared address space (100.64/10)");
        }
        if (o0 == 0) {
            return Optional.of("unspecified (0/8)");
        }
        if (o0 >= 224) {
            return Optional.of(o0 < 240 ? "multicast" : "reserved or broadcast (240/4)");
        }
        if ((o0 == 192 && o1 == 0 && o2 == 0) || (o0 == 198 && (o1 == 18 || o1 == 19))) {
            return Optional.of("reserved for special use");
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
