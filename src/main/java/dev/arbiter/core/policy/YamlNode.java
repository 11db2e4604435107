package dev.arbiter.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the position it was written at, so that every complaint
 * about a policy can name the line and column. (Jackson's own tree drops
 * positions.)
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Position position();

    /** What the value looks like, for "must be a number, not ..." messages. */
    String describe();

    record Entry(String key, Position keyPosition, YamlNode value) {
    }

    record Mapping(Position position, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a block of keys";
        }
    }

    record Sequence(Position position, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A single value; {@code kind} is what it is, decided by Arbiter rather than by a YAML 1.1 or
     * 1.2 resolver (they disagree on numbers): quoted text stays text.
     */
    record Scalar(Position position, String text, Kind kind) implements YamlNode {
        /**
         * TEXT: unquoted text; QUOTED_TEXT: text in quotes; WHOLE_NUMBER and DECIMAL: unquoted numbers in
         * plain decimal ({@code -?(0|[1-9][0-9]*)}, with an optional fraction and exponent);
         * UNCLEAR_NUMBER: unquoted and number-like but not plain decimal ({@code 010}, {@code 08},
         * {@code 0x1E}, {@code 0o17}, {@code 0b101}, {@code 1_000}, {@code +5}, {@code 1:30},
         * {@code .5}, {@code .inf}), which YAML readers read differently or not at all.
         */
        public enum Kind { TEXT, QUOTED_TEXT, WHOLE_NUMBER, DECIMAL, UNCLEAR_NUMBER, BOOLEAN, EMPTY }

        @Override
        public String describe() {
            return switch (kind) {
                case TEXT, QUOTED_TEXT -> "the text \"" + text + "\"";
                case UNCLEAR_NUMBER -> "the value " + text;
                case WHOLE_NUMBER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the value " + text;
                case EMPTY -> "nothing";
            };
        }
    }
}
