package dev.arbiter.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a value sits in an MCP tool call's {@code arguments} object: the small
 * JSONPath subset a policy needs, {@code $}, {@code $.a.b}, {@code $['a b']},
 * {@code $.items[0]}. No wildcards or filters: a path names exactly one value,
 * so that what a rule reads is never ambiguous.
 */
public final class ArgumentPath {

    /** A step down: a field name, or an index into a list (field null). */
    private record Step(String field, int index) {
    }

    private final String text;
    private final List<Step> steps;

    private ArgumentPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Parses {@code text}, or says in plain words what is wrong with it. */
    public static ArgumentPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        Optional<String> wrong = read(text, steps);
        if (wrong.isPresent()) {
            throw new IllegalArgumentException(wrong.get());
        }
        return new ArgumentPath(text, steps);
    }

    /** Why {@code text} is not a path, or empty when it is one. */
    public static Optional<String> problemWith(String text) {
        return read(text, new ArrayList<>());
    }

    private static Optional<String> read(String text, List<Step> steps) {
        String example = "; write a path into the arguments such as $.path, $.order.amount or $.items[0]";
        if (text == null || !text.startsWith("$")) {
            return Optional.of("\"" + text + "\" is not an argument path: it must start with $" + example);
        }
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    return Optional.of("\"" + text + "\" has an empty field name at column " + (i + 2) + example);
                }
                steps.add(new Step(text.substring(i + 1, end), -1));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    return Optional.of("\"" + text + "\" opens [ without closing it" + example);
                }
                String inside = text.substring(i + 1, close);
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Step(inside.substring(1, inside.length() - 1), -1));
                } else if (inside.matches("[0-9]{1,6}")) {
                    steps.add(new Step(null, Integer.parseInt(inside)));
                } else {
                    return Optional.of("\"" + text + "\" has [" + inside + "]: write an index like [0] or a quoted "
                            + "name like ['field'] (wildcards and filters are not supported)" + example);
                }
                i = close + 1;
            } else {
                return Optional.of("\"" + text + "\" has '" + c + "' where . or [ was expected" + example);
            }
        }
        return Optional.empty();
    }

    /** The value at this path in {@code arguments}; a missing node when there is none. */
    public JsonNode in(JsonNode arguments) {
        JsonNode node = arguments;
        for (Step step : steps) {
            if (node == null) {
                return MissingNode.getInstance();
            }
            node = step.field() != null ? node.get(step.field()) : node.get(step.index());
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The last field name of the path ({@code password} of {@code $.login.password}); null for an index or {@code $}. */
    public String lastField() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1).field();
    }

    /**
     * Replaces the value at this path in {@code root} (a mutable copy) with
     * {@code replacement}; does nothing when there is no value there or the path is {@code $}.
     */
    public void replaceIn(JsonNode root, JsonNode replacement) {
        if (steps.isEmpty()) {
            return;
        }
        JsonNode parent = root;
        for (Step step : steps.subList(0, steps.size() - 1)) {
            parent = parent == null ? null : step.field() != null ? parent.get(step.field()) : parent.get(step.index());
        }
        Step last = steps.get(steps.size() - 1);
        if (last.field() != null && parent instanceof ObjectNode object && object.has(last.field())) {
            object.set(last.field(), replacement);
        } else if (last.field() == null && parent instanceof ArrayNode array && last.index() < array.size()) {
            array.set(last.index(), replacement);
        }
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArgumentPath p && p.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
