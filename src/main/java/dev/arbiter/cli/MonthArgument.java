package dev.arbiter.cli;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A {@code --month YYYY-MM} option's value: a UTC month, this one when the option is absent. */
final class MonthArgument {

    private MonthArgument() {
    }

    /** @throws IllegalArgumentException naming the option and the expected form */
    static YearMonth parse(String text) {
        if (text == null) {
            return YearMonth.now(ZoneOffset.UTC);
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--month must be a month such as 2026-11, not " + text);
        }
    }
}
