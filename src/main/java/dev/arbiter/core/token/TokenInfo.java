package dev.arbiter.core.token;

import java.time.Instant;
import java.util.Locale;

/** A token as stored: whose it is and how long it is good for. Never the token itself. */
public record TokenInfo(String id, String agentId, Instant createdAt, String createdBy, Instant expiresAt,
                        Instant revokedAt, String revokedBy) {

    /** Whether a token can be used. */
    public enum State {
        VALID, EXPIRED, REVOKED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.VALID : State.EXPIRED;
    }
}
