package dev.arbiter.core.audit;

import java.util.regex.Pattern;

/**
 * Guards a CSV cell against formula injection, following OWASP's "CSV
 * Injection" guidance: a cell that begins with one of the six characters a
 * spreadsheet may treat as the start of a formula ({@code = + - @}, TAB, CR)
 * is prefixed with a single quote, so it is shown as text. Plain decimal
 * numbers (a negative risk delta, {@code -0.5}) are left as they are: a
 * spreadsheet reads them as numbers, never as formulas.
 */
final class SpreadsheetCell {

    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private SpreadsheetCell() {
    }

    /** The text to put in the cell; quoting for commas and quotes is the CSV printer's job. */
    static String guard(String text) {
        if (text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0 || DECIMAL.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }
}
