package dev.arbiter.core.agent;

import java.time.Instant;

/** A registered agent: its profile and where it stands. */
public record Agent(AgentProfile profile, AgentStatus status, String statusReason, Instant createdAt,
                    Instant updatedAt) {

    public String id() {
        return profile.id();
    }

    public String name() {
        return profile.name();
    }

    public boolean isActive() {
        return status == AgentStatus.ACTIVE;
    }

    public boolean isRetired() {
        return status == AgentStatus.RETIRED;
    }

    /** Paused because its time-boxed autonomy is used up: it waits for a person to review it. */
    public boolean isPausedForOversight() {
        return status == AgentStatus.PAUSED && statusReason != null
                && statusReason.startsWith(AgentRegistry.OVERSIGHT_PAUSE);
    }

    /** True when {@code text} appears (ignoring case) in the id, name, owner, purpose, vendor, model or policy. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        AgentProfile p = profile;
        return contains(p.id(), t) || contains(p.name(), t) || contains(p.owner(), t) || contains(p.purpose(), t)
                || contains(p.vendor(), t) || contains(p.model(), t) || contains(p.policyName(), t);
    }

    private static boolean contains(String field, String lowerText) {
        return field != null && field.toLowerCase(java.util.Locale.ROOT).contains(lowerText);
    }
}
