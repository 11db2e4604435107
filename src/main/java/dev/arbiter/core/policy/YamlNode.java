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
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

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

    /** A single value; {@code kind} is what YAML made of it (quoted text stays text). */
    record Scalar(Position position, String text, Kind kind) implements YamlNode {
        enum Kind { TEXT, WHOLE_NUMBER, DECIMAL, BOOLEAN, EMPTY }

        @Override
        public String describe() {
            return switch (kind) {
                case TEXT -> "the text \"" + text + "\"";
                case WHOLE_NUMBER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the value " + text;
                case EMPTY -> "nothing";
            };
        }
    }
}
