package dev.arbiter.core.compliance;

import java.util.Locale;

/** What a person recorded for an agent and a requirement. */
public enum ControlStatus {
    /** A control meets the requirement; the evidence says how that can be shown. */
    MET,
    /** The requirement does not apply to this agent after all; the control field says why. */
    NOT_APPLICABLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ControlStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
