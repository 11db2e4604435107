package dev.arbiter.core.policyqa;

import java.io.IOException;

/**
 * A strict forward reader of one JSON text (RFC 8259) held in a char array, for the few members a replay takes
 * from a ledger body: what lets a replay read a body without a general parser's symbol tables, token objects and
 * per-body set-up (issue 19, at least 100,000 decisions/s). Names are compared where they lie, values the caller
 * does not want are skipped (and still checked), and only the strings it keeps become {@link String}s.
 *
 * <p>Anything that is not JSON (a stray character, an unescaped control character in a string, a bad escape,
 * a number with a leading zero, a value nested deeper than {@value #MAX_DEPTH}) throws {@link IOException} naming
 * the offset; nothing after the value the caller reads to is looked at. One instance per thread; it reuses its
 * buffers.
 */
final class JsonCursor {

    /** The deepest nesting read (the general parser's own default limit); deeper is refused, not recursed into. */
    static final int MAX_DEPTH = 1000;

    /** The number kinds of {@link #numberKind()}: an integer that fits an int, a long, neither, or a fraction. */
    static final int INT = 0;
    static final int LONG = 1;
    static final int BIG = 2;
    static final int FRACTION = 3;

    private char[] s;
    private int pos;
    private int end;
    private boolean first;
    private int nameStart;
    private int nameLength;
    private String escapedName;
    private int numberStart;
    private int numberEnd;
    private boolean integral;
    private char[] unescaped = new char[512];
    private int unescapedLength;

    /** Reads {@code text[from..to)} from its start. */
    JsonCursor reset(char[] text, int from, int to) {
        s = text;
        pos = from;
        end = to;
        return this;
    }

    /** The first character of the next value ('"', '{', '[', 't', 'f', 'n', '-' or a digit), not consumed. */
    char peek() throws IOException {
        skipSpace();
        if (pos >= end) {
            throw malformed("the text ends where a value should be");
        }
        return s[pos];
    }

    /** True when the next value is {@code null}; consumes it then. */
    boolean nullValue() throws IOException {
        if (peek() == 'n') {
            literal("null");
            return true;
        }
        return false;
    }

    /** Consumes the '{' that opens an object; then {@link #nextName()} until it says false. */
    void startObject() throws IOException {
        expect('{');
        first = true;
    }

    /**
     * Reads the next member's name and its ':'; false (the '}' consumed) when the object has no more.
     */
    boolean nextName() throws IOException {
        skipSpace();
        if (pos >= end) {
            throw malformed("the text ends inside an object");
        }
        char c = s[pos];
        if (c == '}') {
            pos++;
            first = false;
            return false;
        }
        if (!first) {
            if (c != ',') {
                throw malformed("',' or '}' expected");
            }
            pos++;
            skipSpace();
        }
        first = false;
        if (pos >= end || s[pos] != '"') {
            throw malformed("a member name expected");
        }
        int start = pos + 1;
        int close = plainStringEnd(start);
        if (close >= 0) {
            nameStart = start;
            nameLength = close - start;
            escapedName = null;
            pos = close + 1;
        } else {
            escapedName = string();
        }
        expect(':');
        return true;
    }

    /** True when the member just named by {@link #nextName()} is {@code name}. */
    boolean nameIs(String name) {
        if (escapedName != null) {
            return escapedName.equals(name);
        }
        if (name.length() != nameLength) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (s[nameStart + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the '[' that opens an array; then {@link #nextElement()} until it says false. */
    void startArray() throws IOException {
        expect('[');
        first = true;
    }

    /** True when the array has another element (its ',' consumed); false (the ']' consumed) at its end. */
    boolean nextElement() throws IOException {
        skipSpace();
        if (pos >= end) {
            throw malformed("the text ends inside an array");
        }
        if (s[pos] == ']') {
            pos++;
            first = false;
            return false;
        }
        if (!first) {
            if (s[pos] != ',') {
                throw malformed("',' or ']' expected");
            }
            pos++;
        }
        first = false;
        return true;
    }

    /** Reads a string value, escapes decoded. */
    String string() throws IOException {
        int length = stringIntoBuffer();
        return new String(unescaped, 0, length);
    }

    /**
     * Reads a string value, escapes decoded, into this cursor's buffer ({@link #buffer()}); returns its length.
     * The buffer is overwritten by the next string read.
     */
    int stringIntoBuffer() throws IOException {
        expect('"');
        int n = 0;
        while (true) {
            if (pos >= end) {
                throw malformed("the text ends inside a string");
            }
            char c = s[pos++];
            if (c == '"') {
                unescapedLength = n;
                return n;
            }
            if (c < 0x20) {
                throw malformed("a control character inside a string");
            }
            if (c == '\\') {
                c = pos < end && s[pos] == '"' ? s[pos++] : escape(); // \" is most escapes in a nested detail
            }
            if (n == unescaped.length) {
                unescaped = java.util.Arrays.copyOf(unescaped, n * 2);
            }
            unescaped[n++] = c;
        }
    }

    /** The chars of the last {@link #stringIntoBuffer()}, valid up to its length. */
    char[] buffer() {
        return unescaped;
    }

    /**
     * The text of a scalar value that is not a string (a number as written, {@code true}, {@code false}), as the
     * general parser's {@code getText} gives it; null for {@code null}; an object or array is skipped and reads
     * as null.
     */
    String scalarText() throws IOException {
        char c = peek();
        switch (c) {
            case '"' -> {
                return string();
            }
            case 'n' -> {
                literal("null");
                return null;
            }
            case 't' -> {
                literal("true");
                return "true";
            }
            case 'f' -> {
                literal("false");
                return "false";
            }
            case '{', '[' -> {
                skipValue();
                return null;
            }
            default -> {
                number();
                return new String(s, numberStart, numberEnd - numberStart);
            }
        }
    }

    /** True when the next value is a number; reads it then ({@link #numberKind()}, {@link #longValue()}...). */
    boolean numberValue() throws IOException {
        char c = peek();
        if (c == '-' || c >= '0' && c <= '9') {
            number();
            return true;
        }
        return false;
    }

    /** The kind of the number just read: {@link #INT}, {@link #LONG}, {@link #BIG} or {@link #FRACTION}. */
    int numberKind() {
        if (!integral) {
            return FRACTION;
        }
        int digits = numberEnd - numberStart - (s[numberStart] == '-' ? 1 : 0);
        if (digits < 10) {
            return INT;
        }
        if (digits > 19) {
            return BIG;
        }
        long v;
        try {
            v = Long.parseLong(new String(s, numberStart, numberEnd - numberStart));
        } catch (NumberFormatException tooLarge) {
            return BIG;
        }
        return v == (int) v ? INT : LONG;
    }

    /** The integer just read as a long. @throws IOException when it is not an integer that fits a long */
    long longValue() throws IOException {
        if (!integral) {
            throw malformed("an integer expected");
        }
        int i = numberStart;
        boolean negative = s[i] == '-';
        if (negative) {
            i++;
        }
        if (numberEnd - i > 18) {
            try {
                return Long.parseLong(new String(s, numberStart, numberEnd - numberStart));
            } catch (NumberFormatException tooLarge) {
                throw malformed("an integer outside the range of a long");
            }
        }
        long v = 0;
        for (; i < numberEnd; i++) {
            v = v * 10 + (s[i] - '0');
        }
        return negative ? -v : v;
    }

    /** The integer just read as an int. @throws IOException when it does not fit an int */
    int intValue() throws IOException {
        long v = longValue();
        if (v != (int) v) {
            throw malformed("an integer outside the range of an int");
        }
        return (int) v;
    }

    /** The number just read as a double, correctly rounded. */
    double doubleValue() {
        if (integral && numberEnd - numberStart < 16) {
            long v = 0;
            int i = numberStart + (s[numberStart] == '-' ? 1 : 0);
            for (; i < numberEnd; i++) {
                v = v * 10 + (s[i] - '0');
            }
            return (double) (s[numberStart] == '-' ? -v : v); // exact below 2^53; "-0" is 0, as an integer
        }
        return Double.parseDouble(new String(s, numberStart, numberEnd - numberStart));
    }

    /** The next value when it is {@code true} or {@code false} (read then); null, nothing read, otherwise. */
    Boolean booleanValue() throws IOException {
        char c = peek();
        if (c == 't') {
            literal("true");
            return Boolean.TRUE;
        }
        if (c == 'f') {
            literal("false");
            return Boolean.FALSE;
        }
        return null;
    }

    /** Skips the next value (of any kind), checking it. */
    void skipValue() throws IOException {
        skipValue(0);
    }

    private void skipValue(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        char c = peek();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                startObject();
                while (nextName()) {
                    skipValue(depth + 1);
                }
            }
            case '[' -> {
                startArray();
                while (nextElement()) {
                    skipValue(depth + 1);
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
        first = false;
    }

    private void skipString() throws IOException {
        pos++; // the opening quote
        while (true) {
            if (pos >= end) {
                throw malformed("the text ends inside a string");
            }
            char c = s[pos++];
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw malformed("a control character inside a string");
            }
            if (c == '\\') {
                escape();
            }
        }
    }

    /** The index of the closing quote of a string starting at {@code from} with no escape; -1 when it has one. */
    private int plainStringEnd(int from) throws IOException {
        for (int i = from; i < end; i++) {
            char c = s[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                return -1;
            }
            if (c < 0x20) {
                throw malformed("a control character inside a string");
            }
        }
        throw malformed("the text ends inside a string");
    }

    /** Decodes the escape after a backslash. */
    private char escape() throws IOException {
        if (pos >= end) {
            throw malformed("the text ends inside an escape");
        }
        char e = s[pos++];
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (end - pos < 4) {
                    throw malformed("the text ends inside a \\u escape");
                }
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(s[pos++], 16);
                    if (d < 0) {
                        throw malformed("a \\u escape needs four hex digits");
                    }
                    v = v << 4 | d;
                }
                yield (char) v;
            }
            default -> throw malformed("'\\" + e + "' is not a JSON escape");
        };
    }

    private void number() throws IOException {
        int i = pos;
        if (i < end && s[i] == '-') {
            i++;
        }
        if (i >= end || s[i] < '0' || s[i] > '9') {
            throw malformed("a value expected");
        }
        if (s[i] == '0') {
            i++;
            if (i < end && s[i] >= '0' && s[i] <= '9') {
                throw malformed("a number with a leading zero");
            }
        } else {
            i = digits(i);
        }
        boolean whole = true;
        if (i < end && s[i] == '.') {
            whole = false;
            int after = digits(i + 1);
            if (after == i + 1) {
                throw malformed("digits expected after '.'");
            }
            i = after;
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            whole = false;
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int after = digits(i);
            if (after == i) {
                throw malformed("digits expected in the exponent");
            }
            i = after;
        }
        numberStart = pos;
        numberEnd = i;
        integral = whole;
        pos = i;
        delimiter();
    }

    private int digits(int i) {
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        return i;
    }

    private void literal(String word) throws IOException {
        if (end - pos < word.length()) {
            throw malformed("'" + word + "' expected");
        }
        for (int i = 0; i < word.length(); i++) {
            if (s[pos + i] != word.charAt(i)) {
                throw malformed("'" + word + "' expected");
            }
        }
        pos += word.length();
        delimiter();
    }

    /** After a number or literal: the end, white space or a structural character, as JSON requires. */
    private void delimiter() throws IOException {
        if (pos < end) {
            char c = s[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw malformed("'" + c + "' after a value");
            }
        }
    }

    private void expect(char c) throws IOException {
        skipSpace();
        if (pos >= end || s[pos] != c) {
            throw malformed("'" + c + "' expected");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < end) {
            char c = s[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IOException malformed(String what) {
        return new IOException("not JSON at offset " + pos + ": " + what);
    }
}
