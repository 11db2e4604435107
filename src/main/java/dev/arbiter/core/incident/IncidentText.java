package dev.arbiter.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How incident times and spans read in every face: UTC to the minute, spans in days, hours and minutes. */
public final class IncidentText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private IncidentText() {
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** A non-negative span as "2 d 3 h", "5 h 10 min" or "4 min". */
    public static String span(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + mins + " min" : mins + " min";
    }
}
