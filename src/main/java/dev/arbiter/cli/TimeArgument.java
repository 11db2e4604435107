package dev.arbiter.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time typed on the command line, in any of the ISO-8601 spellings
 * a person is likely to use: a date ({@code 2026-11-30}), a date-time without
 * zone ({@code 2026-11-30T14:05}, seconds optional, a space instead of
 * {@code T} allowed), or with one ({@code …Z}, {@code …+01:00},
 * {@code …+01:00[Europe/Paris]}). Without a zone the time is UTC, as every
 * time the CLI prints is. A bare date is a whole day: the start of it for a
 * lower bound, its last millisecond (the ledger's precision) for an upper one.
 */
final class TimeArgument {

    /** What the help and every error message say is accepted. */
    static final String ACCEPTED = "2026-11-30, 2026-11-30T14:05[:00], or with a zone: 2026-11-30T14:05Z, "
            + "2026-11-30T14:05+01:00 (no zone means UTC)";

    private TimeArgument() {
    }

    /** {@code --from}: a bare date means the start of that day (UTC). */
    static final class From implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, false);
        }
    }

    /** {@code --to}: a bare date means the whole of that day (UTC), up to its last millisecond. */
    static final class To implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, true);
        }
    }

    static Instant parse(String value, boolean endOfDay) {
        String text = value.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned) {
                return zoned.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notDateTime) {
            try {
                Instant start = LocalDate.parse(text).atStartOfDay(ZoneId.of("UTC")).toInstant();
                return endOfDay ? start.plus(Duration.ofDays(1)).minus(1, ChronoUnit.MILLIS) : start;
            } catch (DateTimeException notDate) {
                throw new TypeConversionException("'" + value + "' is not a date or time. Use " + ACCEPTED + ".");
            }
        }
    }
}
