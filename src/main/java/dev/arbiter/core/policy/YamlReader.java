package dev.arbiter.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a policy file's bytes into a {@link YamlNode} tree, refusing hostile
 * input with a message that says what to fix: oversized files, a byte-order
 * mark, bytes that are not UTF-8, tab indentation, aliases (the "billion
 * laughs" bomb), control characters, runaway nesting, several documents.
 *
 * <p>Aliases are refused outright rather than expanded under a limit: a policy
 * is short and written by hand, so an alias there is a mistake or an attack.
 */
public final class YamlReader {

    /** Policies are hand-written and short; a megabyte is already far beyond any real one. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NODES = 50_000;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    /** Either the document's root or the first problem that stopped reading. */
    public record Result(YamlNode root, PolicyProblem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private YamlReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    public static Result read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return tooLarge(size);
            }
            return read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return failure(Position.START, "no such file");
        } catch (IOException e) {
            return failure(Position.START, "the file cannot be read: " + e.getMessage());
        }
    }

    public static Result read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return tooLarge(bytes.length);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return bom();
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            return failure(Position.START, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                    + "save it as UTF-8 without BOM");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return read(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            return failure(positionOfByte(bytes, bad), String.format(Locale.ROOT,
                    "byte 0x%02X is not valid UTF-8; save the file as UTF-8", bytes[bad] & 0xFF));
        }
    }

    public static Result read(String text) {
        if (text.length() > MAX_BYTES) {
            return failure(Position.START, "the text is " + size(text.length()) + " long; a policy may be at most "
                    + size(MAX_BYTES));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            return bom();
        }
        PolicyProblem tab = tabIndentation(text);
        if (tab != null) {
            return new Result(null, tab);
        }
        try (YAMLParser parser = FACTORY.createParser(text)) {
            Builder builder = new Builder(parser, text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return failure(Position.START, "the file is empty; a policy starts with agent_policy:");
            }
            YamlNode root = builder.value(first, 0);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                return failure(position(parser.currentTokenLocation()),
                        "a policy file holds one YAML document, but here is a second one (after ---); remove it or split "
                                + "the file");
            }
            return new Result(root, null);
        } catch (Refused refused) {
            return new Result(null, refused.problem);
        } catch (JsonProcessingException e) {
            return new Result(null, syntaxProblem(e, text));
        } catch (IOException e) {
            return failure(Position.START, "the policy could not be read: " + e.getMessage());
        }
    }

    private static Result tooLarge(long bytes) {
        return failure(Position.START, "the file is " + size(bytes) + "; a policy file may be at most "
                + size(MAX_BYTES) + ". Is this the right file?");
    }

    private static Result bom() {
        return failure(Position.START, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM");
    }

    private static Result failure(Position at, String message) {
        return new Result(null, new PolicyProblem(at, message));
    }

    /** Tabs in indentation are the commonest YAML mistake, and SnakeYAML's own message is cryptic. */
    private static PolicyProblem tabIndentation(String text) {
        int line = 1;
        int column = 1;
        boolean indent = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                indent = true;
                continue;
            }
            if (indent && c == '\t') {
                return new PolicyProblem(new Position(line, column),
                        "this line is indented with a tab; YAML indentation must use spaces");
            }
            if (c != ' ' && c != '-') {
                indent = false;
            }
            column++;
        }
        return null;
    }

    private static PolicyProblem syntaxProblem(JsonProcessingException e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                return new PolicyProblem(new Position(mark.getLine() + 1, mark.getColumn() + 1),
                        "YAML syntax: " + plain(marked.getProblem()) + context(marked));
            }
            if (t instanceof ReaderException reader) {
                return new PolicyProblem(positionOfIndex(text, reader.getPosition()), String.format(Locale.ROOT,
                        "the text contains the control character U+%04X, which YAML does not allow; remove it",
                        reader.getCodePoint()));
            }
            if (t.getMessage() != null && t.getMessage().contains("code point")) {
                return new PolicyProblem(Position.START, "the text is too long for a policy (at most "
                        + size(MAX_BYTES) + ")");
            }
        }
        JsonLocation at = e.getLocation();
        return new PolicyProblem(at == null ? Position.START : position(at), "YAML syntax: " + e.getOriginalMessage());
    }

    private static String context(MarkedYAMLException marked) {
        String context = marked.getContext();
        return context == null ? "" : " (" + context + (marked.getContextMark() == null ? ""
                : " that starts at line " + (marked.getContextMark().getLine() + 1)) + ")";
    }

    private static String plain(String problem) {
        if (problem == null) {
            return "the text is not valid YAML";
        }
        return problem.replace("(TAB)", "").replace("<stream end>", "the end of the file")
                .replace("<block end>", "the end of the block").replace("<scalar>", "a value");
    }

    private static Position position(JsonLocation location) {
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static Position positionOfIndex(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    private static Position positionOfByte(byte[] bytes, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }

    /** Index of the first byte that breaks UTF-8 (lead byte, continuation or overlong form). */
    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(1, bytes / 1024));
    }

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile(
            "[-+]?(\\.?[0-9].*|\\.?(inf|infinity|nan))", java.util.regex.Pattern.CASE_INSENSITIVE
                    | java.util.regex.Pattern.DOTALL);

    /**
     * What an unquoted value is, by one rule instead of the YAML resolver's (YAML 1.1 reads
     * {@code 010} as 8 and 1.2 as 10; {@code 08} is text to one and a number to another): plain
     * decimal is a number, anything else number-like is UNCLEAR_NUMBER, refused where a number
     * is expected (issue 12 §6).
     */
    static YamlNode.Scalar.Kind kindOfPlain(String value) {
        if (WHOLE.matcher(value).matches()) {
            return YamlNode.Scalar.Kind.WHOLE_NUMBER;
        }
        if (DECIMAL.matcher(value).matches()) {
            return YamlNode.Scalar.Kind.DECIMAL;
        }
        return NUMBER_LIKE.matcher(value).matches() ? YamlNode.Scalar.Kind.UNCLEAR_NUMBER : YamlNode.Scalar.Kind.TEXT;
    }

    /** A problem found while building the tree; unwinds the recursion in one go. */
    private static final class Refused extends IOException {
        final transient PolicyProblem problem;

        Refused(Position at, String message) {
            super(message);
            this.problem = new PolicyProblem(at, message);
        }
    }

    /** Turns parser tokens into positioned nodes. */
    private static final class Builder {
        private final YAMLParser parser;
        private final String source;
        private int nodes;

        Builder(YAMLParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        YamlNode value(JsonToken token, int depth) throws IOException {
            Position at = position(parser.currentTokenLocation());
            if (++nodes > MAX_NODES) {
                throw new Refused(at, "the policy has more than " + MAX_NODES + " values; a policy is much "
                        + "smaller than that");
            }
            if (depth > MAX_DEPTH) {
                throw new Refused(at, "the policy is nested more than " + MAX_DEPTH + " levels deep");
            }
            if (parser.isCurrentAlias()) {
                throw new Refused(at, "aliases (*" + parser.getText() + ") are not allowed in a policy; "
                        + "write the value out in full");
            }
            return switch (token) {
                case START_OBJECT -> mapping(at, depth);
                case START_ARRAY -> sequence(at, depth);
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(at, parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.BOOLEAN);
                case VALUE_NULL -> new YamlNode.Scalar(at, "", YamlNode.Scalar.Kind.EMPTY);
                default -> throw new Refused(at, "unexpected " + token + " in the YAML");
            };
        }

        private YamlNode scalar(Position at, String value) {
            boolean quoted = quoted(parser.currentTokenLocation().getCharOffset());
            // Jackson reports an empty plain value ("key:" and nothing after it) as the
            // empty string; only a quoted "" is really text.
            if (quoted) {
                return new YamlNode.Scalar(at, value, YamlNode.Scalar.Kind.QUOTED_TEXT);
            }
            return new YamlNode.Scalar(at, value, value.isEmpty() ? YamlNode.Scalar.Kind.EMPTY : kindOfPlain(value));
        }

        private boolean quoted(long offset) {
            if (offset < 0 || offset >= source.length()) {
                return false;
            }
            char c = source.charAt((int) offset);
            return c == '"' || c == '\'';
        }

        private YamlNode mapping(Position at, int depth) throws IOException {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new Refused(position(parser.currentTokenLocation()), "expected a key here");
                }
                String key = parser.currentName();
                Position keyAt = position(parser.currentTokenLocation());
                YamlNode value = value(parser.nextToken(), depth + 1);
                YamlNode.Entry earlier = entries.get(key);
                if (earlier != null) {
                    throw new Refused(keyAt, "the key \"" + key + "\" appears twice in this block (first at line "
                            + earlier.keyPosition().line() + "); keep one");
                }
                entries.put(key, new YamlNode.Entry(key, keyAt, value));
            }
            return new YamlNode.Mapping(at, entries);
        }

        private YamlNode sequence(Position at, int depth) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                items.add(value(token, depth + 1));
            }
            return new YamlNode.Sequence(at, items);
        }
    }
}
