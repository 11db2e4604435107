package dev.arbiter.core.decision;

import java.util.Locale;

/** The gateway's {@code decision}: go ahead, do not, or wait for a reviewer. */
public enum Verdict {
    ALLOW, DENY, PENDING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
