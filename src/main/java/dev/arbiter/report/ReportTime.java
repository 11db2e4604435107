package dev.arbiter.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times of day as a report prints them: always with their offset from UTC
 * ({@code 2026-11-30 18:04 UTC+11:00}, {@code 2026-11-30 07:04 UTC}), so a
 * report read in another zone, or years later, still says when. The offset,
 * not an abbreviation such as "IST" (which names three zones), and the offset
 * in force at that instant (summer time included).
 */
public final class ReportTime {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ReportTime() {
    }

    /** {@code at} in {@code zone}, to the minute, naming the offset. */
    public static String stamp(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        ZoneOffset offset = local.getOffset();
        return MINUTE.format(local) + " UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
    }
}
