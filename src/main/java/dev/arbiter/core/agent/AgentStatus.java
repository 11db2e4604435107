package dev.arbiter.core.agent;

import java.util.Locale;

/** Whether an agent may act: active, paused by a person (until resumed), or retired for good. */
public enum AgentStatus {
    ACTIVE, PAUSED, RETIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AgentStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
