package dev.arbiter.core.assessment;

import java.util.Locale;

/** Reads what a person types to name an assessment: "RA-7", "ra-7" or "7". */
public final class AssessmentReference {

    private AssessmentReference() {
    }

    public static long parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("RA-")) {
            t = t.substring(3);
        }
        try {
            long id = Long.parseLong(t);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not an assessment id; use the number or RA-number"
                + " shown by 'arbiter assessment list', e.g. RA-2.");
    }
}
