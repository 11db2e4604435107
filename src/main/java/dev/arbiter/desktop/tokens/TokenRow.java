package dev.arbiter.desktop.tokens;

import dev.arbiter.core.token.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One token as the desktop lists it (never its text): whose it is, until when, when it was last used,
 * and whether to warn.
 *
 * @param expiringSoon a valid token with less than {@link #warningBefore} of its life left
 * @param lastUsed     when the gateway last accepted it (exact to a minute for other processes), or null
 * @param now          the time the row was made, for "3 min ago"
 */
public record TokenRow(TokenInfo info, TokenInfo.State state, Duration left, boolean expiringSoon, Instant lastUsed,
                       Instant now) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * The warning window: a quarter of the token's lifetime, at most one day (a one-hour token warns in its
     * last 15 minutes, a 90-day one in its last day), so an agent's owner can issue the next one in time.
     */
    public static Duration warningBefore(TokenInfo info) {
        Duration life = Duration.between(info.createdAt(), info.expiresAt());
        Duration quarter = life.dividedBy(4);
        return quarter.compareTo(Duration.ofDays(1)) < 0 ? quarter : Duration.ofDays(1);
    }

    public static TokenRow of(TokenInfo info, Instant now) {
        return of(info, null, now);
    }

    public static TokenRow of(TokenInfo info, Instant lastUsed, Instant now) {
        TokenInfo.State state = info.state(now);
        Duration left = state == TokenInfo.State.VALID ? Duration.between(now, info.expiresAt()) : Duration.ZERO;
        return new TokenRow(info, state, left, state == TokenInfo.State.VALID
                && left.compareTo(warningBefore(info)) <= 0, lastUsed, now);
    }

    /** "never", "2026-11-30 14:05 UTC (3 min ago)"; a valid token never used is worth a look. */
    public String lastUse() {
        if (lastUsed == null) {
            return "never";
        }
        Duration ago = Duration.between(lastUsed, now);
        return UTC.format(lastUsed) + (ago.isNegative() ? "" : ago.toMinutes() < 1 ? " (just now)"
                : " (" + span(ago) + " ago)");
    }

    /** "valid · 3 h 20 min left", "expires in 12 min", "expired 2026-11-30 14:05 UTC", "revoked by alice". */
    public String describe() {
        return switch (state) {
            case REVOKED -> "revoked by " + info.revokedBy() + " " + UTC.format(info.revokedAt());
            case EXPIRED -> "expired " + UTC.format(info.expiresAt());
            case VALID -> (expiringSoon ? "expires in " : "valid · ") + span(left) + (expiringSoon ? "" : " left");
        };
    }

    public String expires() {
        return UTC.format(info.expiresAt());
    }

    public String issued() {
        return UTC.format(info.createdAt()) + " by " + info.createdBy();
    }

    private static String span(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }
}
