package dev.arbiter.core.decision;

import dev.arbiter.core.store.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Hands out trace ids like {@code ag-2026-03-16-000001}: the UTC day and a
 * number. Numbers come in blocks reserved in the database, so they are unique
 * across restarts and across processes sharing a workspace; a restart leaves a
 * gap, which is harmless.
 */
final class TraceIds {

    static final String PREFIX = "ag-";
    private static final int BLOCK = 4096;
    private static final Pattern FORM = Pattern.compile("ag-\\d{4}-\\d{2}-\\d{2}-\\d{6,}");

    private final Database database;
    private long epochDay = Long.MIN_VALUE;
    private String day;
    private long next;
    private long end;

    TraceIds(Database database) {
        this.database = database;
    }

    synchronized String next(Instant now) {
        long today = Math.floorDiv(now.getEpochSecond(), 86_400L);
        if (today != epochDay || next >= end) {
            String todayText = LocalDate.ofEpochDay(today).toString();
            long start = database.write(tx -> DecisionStore.reserveTraceBlock(tx.connection(), todayText, BLOCK));
            epochDay = today;
            day = todayText;
            next = start;
            end = start + BLOCK;
        }
        long n = next++;
        String digits = Long.toString(n);
        StringBuilder id = new StringBuilder(PREFIX.length() + 11 + Math.max(6, digits.length()));
        id.append(PREFIX).append(day).append('-');
        for (int i = digits.length(); i < 6; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    /** True when {@code text} has the form of a trace id (so that lookups of garbage cost nothing). */
    static boolean looksLike(String text) {
        return text != null && text.length() <= 40 && FORM.matcher(text).matches();
    }

    static LocalDate dayOf(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
