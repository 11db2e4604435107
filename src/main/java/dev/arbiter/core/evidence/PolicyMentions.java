package dev.arbiter.core.evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy versions a range's own entries show were in force (issue 18, completeness of a bundle's policy files):
 * each {@code policy.activated} and {@code policy.rolled_back} entry names the version it put in force and the one
 * it replaced ({@code previous}, the version active before it), and each {@code decision} names the version it ran
 * under ({@code policy}, {@code policy_version}: an agent pinned to a version included). A bundle must carry every
 * one of them, or say in {@code not_included} why it cannot; the writer and both verifiers derive the list from the
 * same bytes with the same rules, so neither can leave one out unnoticed.
 *
 * <p>Read on the raw bytes of a stored body ({@link CanonicalForm}'s fixed field order), with no JSON parse, so a
 * verifier can run it beside the hashing of every line: a body that ends {@code ,"detail":null}} has no detail and
 * so mentions nothing (the detail is the canonical form's last field; entries without one, such as outcomes, are
 * passed over on their last bytes, not by a search through the whole line); the first {@code ,"event":"} is the event (every earlier
 * field is a string whose quotes are escaped), any {@code ,"detail":"} is the detail (searched from the line's end;
 * nothing after it holds an unescaped quote inside a string), and inside the detail (JSON text, so its own quotes
 * appear as {@code \"}) the fields are read by position: a decision's detail starts with {@code reason}, then the
 * optional {@code action_sent}, then {@code policy} and {@code policy_version}; an activation's with {@code name},
 * {@code version}, the optional {@code sha256}, then {@code previous}. A string value inside the detail ends at the
 * first {@code \",\"}, which no string's content can hold (its quotes are stored as {@code \\\"}). Nested values the
 * agent sent ({@code context}) come after these fields, so a key in them is never read as the decision's policy.
 *
 * <p>Thread-safe: a verifier feeds blocks from several hashing threads.
 */
public final class PolicyMentions implements LineScan {

    /** A version the range shows was in force, with the first entry that shows it and that entry's event. */
    public record Mention(String name, int version, long seq, String event) {
    }

    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = ",\"event\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DETAIL = ",\"detail\":\"".getBytes(StandardCharsets.US_ASCII);
    /** How a body without a detail ends: the detail is the last field of the canonical form. */
    private static final byte[] NO_DETAIL = ",\"detail\":null}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECISION = "decision\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTIVATED = "policy.activated\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLLED_BACK = "policy.rolled_back\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REASON = inner("{\"reason\":");
    private static final byte[] ACTION_SENT = inner(",\"action_sent\":");
    private static final byte[] POLICY = inner(",\"policy\":\"");
    private static final byte[] POLICY_VERSION = inner(",\"policy_version\":");
    private static final byte[] NAME = inner("{\"name\":\"");
    private static final byte[] VERSION = inner(",\"version\":");
    private static final byte[] SHA256 = inner(",\"sha256\":");
    private static final byte[] PREVIOUS = inner(",\"previous\":");
    private static final byte[] STRING_END = inner("\",\"");
    private static final byte[] QUOTE = inner("\"");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /** {@code 0x01} in every byte: times a byte, that byte in every byte. */
    private static final long BROADCAST = 0x0101010101010101L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** The shortest body before its event: {@code {"seq":N,"prev_hash":"<64 hex>"}. */
    private static final int BEFORE_EVENT = 7 + 1 + 14 + 64;

    private final Map<String, Mention> mentions = new ConcurrentHashMap<>();
    /** Per scanning thread: see {@link LastDecision}. */
    private final ThreadLocal<LastDecision> lastDecision = ThreadLocal.withInitial(LastDecision::new);

    /** Reads one stored body, {@code b[start, end)}. */
    @Override
    public void line(byte[] b, int start, int end) {
        if (end - start >= NO_DETAIL.length && at(b, end - NO_DETAIL.length, end, NO_DETAIL)) {
            return; // every mention is read from the detail
        }
        int event = indexOf(b, Math.min(end, start + BEFORE_EVENT), end, EVENT);
        if (event < 0) {
            return;
        }
        int value = event + EVENT.length;
        boolean decision = at(b, value, end, DECISION);
        String eventName = decision ? "decision" : at(b, value, end, ACTIVATED) ? "policy.activated"
                : at(b, value, end, ROLLED_BACK) ? "policy.rolled_back" : null;
        if (eventName == null) {
            return;
        }
        int detail = lastIndexOf(b, value, end, DETAIL);
        if (detail < 0) {
            return;
        }
        long seq = seq(b, start, end);
        int p = detail + DETAIL.length;
        if (decision) {
            decision(b, p, end, seq);
        } else {
            activation(b, p, end, seq, eventName);
        }
    }

    private void decision(byte[] b, int p, int end, long seq) {
        if (!at(b, p, end, REASON)) {
            return;
        }
        p = skipValue(b, p + REASON.length, end);
        if (p >= 0 && at(b, p, end, ACTION_SENT)) {
            p = skipValue(b, p + ACTION_SENT.length, end);
        }
        if (p < 0 || !at(b, p, end, POLICY)) {
            return;
        }
        p += POLICY.length;
        int close = indexOf(b, p, end, QUOTE);
        if (close < 0 || !at(b, close + QUOTE.length, end, POLICY_VERSION)) {
            return;
        }
        int version = number(b, close + QUOTE.length + POLICY_VERSION.length, end);
        if (version < 0) {
            return;
        }
        LastDecision last = lastDecision.get();
        if (last.covers(b, p, close, version, seq)) {
            return;
        }
        add(new String(b, p, close - p, StandardCharsets.UTF_8), version, seq, "decision");
        last.remember(b, p, close, version, seq);
    }

    /**
     * The policy version the last decision read on this thread named, and its seq. Decisions come in long runs
     * under one version; a mention of the same version at a later seq cannot change {@link #mentions()} (the
     * earliest seq is kept), so it is passed over without a string, a record and a contended map update each,
     * which together cost more than the rest of the scan.
     */
    private static final class LastDecision {
        private byte[] name = new byte[0];
        private int version = -1;
        private long seq = Long.MAX_VALUE;

        boolean covers(byte[] b, int from, int to, int version, long seq) {
            return version == this.version && seq >= this.seq
                    && Arrays.equals(b, from, to, name, 0, name.length);
        }

        void remember(byte[] b, int from, int to, int version, long seq) {
            this.name = Arrays.copyOfRange(b, from, to);
            this.version = version;
            this.seq = seq;
        }
    }

    private void activation(byte[] b, int p, int end, long seq, String event) {
        if (!at(b, p, end, NAME)) {
            return;
        }
        p += NAME.length;
        int close = indexOf(b, p, end, QUOTE);
        if (close < 0 || !at(b, close + QUOTE.length, end, VERSION)) {
            return;
        }
        String name = new String(b, p, close - p, StandardCharsets.UTF_8);
        int q = close + QUOTE.length + VERSION.length;
        int version = number(b, q, end);
        if (version < 0) {
            return;
        }
        add(name, version, seq, event);
        while (q < end && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (at(b, q, end, SHA256)) {
            q = skipValue(b, q + SHA256.length, end);
        }
        if (q >= 0 && at(b, q, end, PREVIOUS)) {
            int previous = number(b, q + PREVIOUS.length, end);
            if (previous >= 0) {
                add(name, previous, seq, event + " (as the version it replaced)");
            }
        }
    }

    private void add(String name, int version, long seq, String event) {
        mentions.merge(name + "\u0000" + version, new Mention(name, version, seq, event),
                (a, b) -> a.seq() <= b.seq() ? a : b);
    }

    /** Every version mentioned so far, by name then version. */
    public List<Mention> mentions() {
        List<Mention> all = new ArrayList<>(mentions.values());
        all.sort(java.util.Comparator.comparing(Mention::name).thenComparingInt(Mention::version));
        return all;
    }

    /**
     * After a detail value starting at {@code p} ({@code null}, a number, or a string): the index of the comma that
     * follows it, or -1 when it is the detail's last field or cannot be read.
     */
    /**
     * The first {@code \",\"} from {@code p} that ends a string of the detail, else -1. Its quote is the detail's
     * own when the backslashes before the match stand for an even number of the detail's backslashes (each is
     * stored as two, so their count is a multiple of four); otherwise the match starts inside a quote of the
     * string's content followed by a comma (content {@code ",} is stored as {@code \\\",}).
     */
    private static int stringEnd(byte[] b, int p, int end) {
        for (int e = indexOf(b, p, end, STRING_END); e >= 0; e = indexOf(b, e + 1, end, STRING_END)) {
            int slashes = 0;
            while (e - slashes - 1 >= p && b[e - slashes - 1] == '\\') {
                slashes++;
            }
            if (slashes % 4 == 0) {
                return e;
            }
        }
        return -1;
    }

    private static int skipValue(byte[] b, int p, int end) {
        if (at(b, p, end, QUOTE)) {
            int e = stringEnd(b, p + QUOTE.length, end);
            return e < 0 ? -1 : e + QUOTE.length;
        }
        if (at(b, p, end, NULL)) {
            p += NULL.length;
        } else {
            while (p < end && (b[p] >= '0' && b[p] <= '9' || b[p] == '.' || b[p] == '-')) {
                p++;
            }
        }
        return p < end && b[p] == ',' ? p : -1;
    }

    /** A version number (1 to 9 digits) at {@code p}, else -1 (e.g. {@code null}). */
    private static int number(byte[] b, int p, int end) {
        int v = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 9) {
            v = v * 10 + (b[p++] - '0');
            digits++;
        }
        return digits == 0 || (p < end && b[p] >= '0' && b[p] <= '9') ? -1 : v;
    }

    private static long seq(byte[] b, int start, int end) {
        long seq = 0;
        for (int p = start + SEQ.length; p < end && b[p] >= '0' && b[p] <= '9'; p++) {
            seq = seq * 10 + (b[p] - '0');
        }
        return seq;
    }

    private static boolean at(byte[] b, int p, int end, byte[] pattern) {
        if (p < 0 || p + pattern.length > end) {
            return false;
        }
        // Byte by byte: most candidates differ within their first three bytes, before a vectorised compare pays.
        for (int i = 0; i < pattern.length; i++) {
            if (b[p + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first {@code pattern} (two bytes or more) in {@code b[from, end)}, else -1. Eight places a step: a place
     * is looked at only when it holds the pattern's first byte and, {@code pattern.length - 2} bytes on, its last
     * but one (the {@code :} of a key), so a line's other fields are passed over without a compare.
     */
    static int indexOf(byte[] b, int from, int end, byte[] pattern) {
        int second = pattern.length - 2;
        long first = BROADCAST * (pattern[0] & 0xff);
        long other = BROADCAST * (pattern[second] & 0xff);
        int i = from;
        for (; i + second + Long.BYTES <= end; i += Long.BYTES) {
            long found = zeros((long) LONGS.get(b, i) ^ first) & zeros((long) LONGS.get(b, i + second) ^ other);
            for (; found != 0; found &= found - 1) {
                int k = i + (Long.numberOfTrailingZeros(found) >>> 3);
                if (at(b, k, end, pattern)) {
                    return k;
                }
            }
        }
        for (; i + pattern.length <= end; i++) {
            if (at(b, i, end, pattern)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The last {@code pattern} (two bytes or more) that starts in {@code b[from, end)} and ends by {@code end},
     * else -1; eight places a step, as {@link #indexOf}.
     */
    static int lastIndexOf(byte[] b, int from, int end, byte[] pattern) {
        int second = pattern.length - 2;
        long first = BROADCAST * (pattern[0] & 0xff);
        long other = BROADCAST * (pattern[second] & 0xff);
        // The highest eight places whose two words lie inside the line; the places above them one by one.
        int i = end - second - Long.BYTES;
        for (int k = end - pattern.length; k >= Math.max(from, i + Long.BYTES); k--) {
            if (at(b, k, end, pattern)) {
                return k;
            }
        }
        for (; i >= from; i -= Long.BYTES) {
            long found = zeros((long) LONGS.get(b, i) ^ first) & zeros((long) LONGS.get(b, i + second) ^ other);
            while (found != 0) {
                int bit = 63 - Long.numberOfLeadingZeros(found);
                if (at(b, i + (bit >>> 3), end, pattern)) {
                    return i + (bit >>> 3);
                }
                found &= ~(1L << bit);
            }
        }
        for (int k = Math.min(i + Long.BYTES - 1, end - pattern.length); k >= from; k--) {
            if (at(b, k, end, pattern)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Bit 7 set in every byte of {@code x} that is zero, eight bytes at once; a byte just above a zero one may be
     * flagged too, so every flagged place is checked, but no zero byte is ever missed.
     */
    private static long zeros(long x) {
        return (x - BROADCAST) & ~x & 0x8080808080808080L;
    }

    /** A pattern of the detail's JSON text as it is stored inside the body's string: each quote as {@code \"}. */
    private static byte[] inner(String json) {
        return json.replace("\"", "\\\"").getBytes(StandardCharsets.US_ASCII);
    }
}
