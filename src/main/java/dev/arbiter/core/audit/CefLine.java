package dev.arbiter.core.audit;

import dev.arbiter.core.Version;

/**
 * A ledger entry as one ArcSight Common Event Format line (CEF version 0, per
 * "Implementing ArcSight CEF" rev. 25):
 * {@code CEF:0|Arbiter|Arbiter|version|event|name|severity|key=value ...}.
 * <p>
 * Escaping follows the spec: in header fields {@code \} and {@code |} are
 * escaped with a backslash; in extension values {@code \} and {@code =} are,
 * and a line break is written {@code \n} (CR as {@code \r}). The spec defines no
 * line break in a header, so one there becomes a space. So that no string an
 * agent sends can split a line or forge a field, every other control character
 * and every lone UTF-16 surrogate becomes U+FFFD.
 * <p>
 * Fields: {@code rt} (ms since the epoch), {@code cat} (event type), {@code suser}
 * (agent), {@code act} and {@code outcome} (decision), {@code reason} (reason code),
 * {@code externalId} and {@code cn1} (seq), {@code cs1}..{@code cs6} (action, tier,
 * trace id, actor, hash, previous hash, each with its {@code csNLabel}),
 * {@code cfp1} (risk score 0..1), {@code msg} (the input summary).
 */
public final class CefLine {

    private CefLine() {
    }

    /** The CEF line for one stored entry, without a line terminator. */
    public static String of(LedgerEntry stored) {
        AuditEntry e = stored.entry();
        StringBuilder out = new StringBuilder(256);
        out.append("CEF:0|");
        header(out, "Arbiter");
        header(out, "Arbiter");
        header(out, Version.current());
        header(out, e.event());
        header(out, name(e));
        out.append(severity(e)).append('|');
        Extension ext = new Extension(out);
        if (e.timestamp() != null) {
            ext.put("rt", Long.toString(e.timestamp().toEpochMilli()));
        }
        ext.put("cat", e.event());
        ext.put("externalId", Long.toString(stored.seq()));
        ext.put("cn1Label", "seq");
        ext.put("cn1", Long.toString(stored.seq()));
        ext.put("suser", e.agentId());
        ext.put("act", e.decision());
        ext.put("outcome", e.decision());
        ext.put("reason", e.reasonCode());
        ext.labelled(1, "action", e.action());
        ext.labelled(2, "tier", e.tier());
        ext.labelled(3, "traceId", e.traceId());
        ext.labelled(4, "actor", e.actor());
        ext.labelled(5, "hash", stored.hash());
        ext.labelled(6, "prevHash", stored.prevHash());
        if (e.riskScore() != null) {
            ext.put("cfp1Label", "riskScore");
            ext.put("cfp1", Double.toString(e.riskScore()));
        }
        ext.put("msg", e.inputSummary());
        return out.toString();
    }

    /** {@code text} escaped for a CEF header field ({@code \} and {@code |}; line breaks become spaces). */
    static String escapeHeader(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(safe(text, i));
            }
        }
        return out.toString();
    }

    /** {@code text} escaped for a CEF extension value ({@code \}, {@code =}, {@code \n}, {@code \r}). */
    static String escapeValue(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(safe(text, i));
            }
        }
        return out.toString();
    }

    /** The character at {@code i}, or U+FFFD for a control character or a lone surrogate. */
    private static char safe(String text, int i) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) || (Character.isSurrogate(c) && LoneSurrogates.isLone(text, i))) {
            return LoneSurrogates.REPLACEMENT;
        }
        return c;
    }

    private static void header(StringBuilder out, String field) {
        out.append(escapeHeader(field == null ? "" : field)).append('|');
    }

    private static String name(AuditEntry e) {
        StringBuilder name = new StringBuilder(e.event());
        if (e.action() != null) {
            name.append(' ').append(e.action());
        }
        if (e.decision() != null) {
            name.append(" -> ").append(e.decision());
        }
        return name.toString();
    }

    /** CEF severity 0..10: 3 routine, 5 held for a person, 7 refused, 9 kill switch or alert or high risk. */
    static int severity(AuditEntry e) {
        if (e.event().startsWith("kill_switch.") || e.event().equals("alert.raised")
                || (e.riskScore() != null && e.riskScore() >= 0.8)) {
            return 9;
        }
        if ("deny".equals(e.decision()) || e.event().equals("gateway.auth_refused")) {
            return 7;
        }
        if ("pending".equals(e.decision())) {
            return 5;
        }
        return 3;
    }

    /** Writes {@code key=value} pairs separated by spaces, skipping absent values. */
    private static final class Extension {
        private final StringBuilder out;
        private boolean first = true;

        Extension(StringBuilder out) {
            this.out = out;
        }

        void put(String key, String value) {
            if (value == null) {
                return;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(key).append('=').append(escapeValue(value));
        }

        void labelled(int n, String label, String value) {
            if (value != null) {
                put("cs" + n + "Label", label);
                put("cs" + n, value);
            }
        }
    }
}
