package dev.arbiter.core.token;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A token lifetime as people write it: {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}. */
public final class Ttl {

    public static final Duration DEFAULT = Duration.ofHours(1);
    public static final Duration MAX = Duration.ofDays(30);
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private Ttl() {
    }

    /** Parses and checks a lifetime; the message of the exception says what is accepted. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a lifetime; write a number and s, m, h or d "
                    + "(e.g. 30m, 1h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return check(d);
    }

    public static Duration check(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("a token lifetime must be positive");
        }
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a token lives at most 30 days (30d); short-lived tokens are safer");
        }
        return d;
    }
}
