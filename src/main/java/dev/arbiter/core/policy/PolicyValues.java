package dev.arbiter.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the typed values of a policy's YAML tree (text, booleans, numbers, fractions, lists, blocks) and
 * collects a {@link PolicyProblem} for each one that is not what its key needs, at the value's line and
 * column, in words that say what to write instead. A method that finds a problem returns null (or an empty
 * list), so the reader goes on and reports every problem in one pass.
 *
 * <p>Numbers must be written in plain decimal: forms that YAML 1.1 and 1.2 readers take differently
 * ({@code 010}, {@code 0x1E}, {@code 1_000}, {@code +5}) are refused rather than guessed.
 */
final class PolicyValues {

    private final List<PolicyProblem> problems = new ArrayList<>();

    /** Every problem found so far, in the order found. */
    List<PolicyProblem> problems() {
        return problems;
    }

    /** Records a problem at {@code at}. */
    void problem(Position at, String message) {
        problems.add(new PolicyProblem(at, message));
    }

    /** {@code node} as a block of keys, or null after saying that {@code path} must be one. */
    YamlNode.Mapping block(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        problem(node.position(), path + " must be a block of keys indented under it, not " + node.describe());
        return null;
    }

    /** {@code node} as a list (an empty value is an empty list), or null after saying {@code path} must be one. */
    YamlNode.Sequence list(YamlNode node, String path) {
        if (node instanceof YamlNode.Sequence s) {
            return s;
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.EMPTY) {
            return new YamlNode.Sequence(node.position(), List.of());
        }
        problem(node.position(), path + " must be a list (one \"- item\" per line), not " + node.describe());
        return null;
    }

    /** {@code node}'s single value as written, or null after saying it is empty or not a single value. */
    String text(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.kind() == YamlNode.Scalar.Kind.EMPTY) {
                problem(node.position(), path + " has no value");
                return null;
            }
            return s.text();
        }
        problem(node.position(), path + " must be a single value, not " + node.describe());
        return null;
    }

    /** {@code node} as a YAML boolean (true/false, yes/no, on/off, y/n in any case), or null after saying not. */
    Boolean bool(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text()) || s.text().equalsIgnoreCase("yes") || s.text().equalsIgnoreCase("on")
                    || s.text().equalsIgnoreCase("y");
        }
        problem(node.position(), path + " must be true or false, not " + node.describe());
        return null;
    }

    /** {@code node} as a plain decimal whole number that fits a long, or null after saying why it is not. */
    Long wholeNumber(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.WHOLE_NUMBER) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                problem(node.position(), path + " is " + s.text() + ", more than the largest whole number a policy "
                        + "can hold (" + Long.MAX_VALUE + ")");
                return null;
            }
        }
        if (!unclearNumber(node, path)) {
            problem(node.position(), path + " must be a whole number, not " + node.describe() + quotesHint(node));
        }
        return null;
    }

    /** {@code node} as a finite plain decimal number, or null after saying why it is not. */
    Double number(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Scalar.Kind.WHOLE_NUMBER
                || s.kind() == YamlNode.Scalar.Kind.DECIMAL)) {
            double v = Double.parseDouble(s.text());
            if (Double.isFinite(v)) {
                return v;
            }
            problem(node.position(), path + " is " + s.text() + ", too large a number");
            return null;
        }
        if (!unclearNumber(node, path)) {
            problem(node.position(), path + " must be a number, not " + node.describe() + quotesHint(node));
        }
        return null;
    }

    /**
     * Reports a number-like value that is not plain decimal ({@code 010}, {@code 0x1E}, {@code 1_000},
     * {@code +5}...), which YAML 1.1 and 1.2 readers take differently; true when it did.
     */
    private boolean unclearNumber(YamlNode node, String path) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Scalar.Kind.UNCLEAR_NUMBER) {
            return false;
        }
        String t = s.text();
        String why;
        if (t.matches("[-+]?0[0-7]+")) {
            why = "a leading zero makes YAML 1.1 readers take it as octal (" + Long.parseLong(t.replace("+", ""), 8)
                    + ") and others as decimal";
        } else if (t.matches("[-+]?0[0-9]+")) {
            why = "numbers with a leading zero are octal to some YAML readers and text to others";
        } else if (t.matches("(?i)[-+]?0[xob].*")) {
            why = "hexadecimal, octal and binary forms are read differently by YAML readers";
        } else if (t.indexOf('_') >= 0) {
            why = "_ between digits is read differently by YAML readers";
        } else if (t.startsWith("+")) {
            why = "a + sign is read differently by YAML readers";
        } else {
            why = "YAML readers do not agree on what it means";
        }
        problem(node.position(), path + " is written " + t + ", which is not a plain decimal number: " + why
                + "; write it in plain decimal digits (no leading zero, + sign, _ or 0x/0o/0b prefix), e.g. 30 "
                + "or 0.5");
        return true;
    }

    /** A number from 0 to 1 (a probability, a threshold, a weight). */
    Double fraction(YamlNode node, String path) {
        Double v = number(node, path);
        if (v == null) {
            return null;
        }
        if (v < 0 || v > 1) {
            problem(node.position(), path + " must be between 0 and 1, not " + trim(v));
            return null;
        }
        return v;
    }

    /** A number of US dollars: not negative. */
    Double amount(YamlNode node, String path) {
        Double v = number(node, path);
        if (v != null && v < 0) {
            return negative(node, path, v);
        }
        return v;
    }

    /** A limit or duration: a whole number of at least 1. */
    Integer positive(YamlNode node, String path, String zeroHint) {
        Long v = wholeNumber(node, path);
        if (v == null) {
            return null;
        }
        if (v < 0) {
            problem(node.position(), path + " must not be negative (it is " + v + ")");
            return null;
        }
        if (v == 0) {
            problem(node.position(), path + " must be at least 1" + (zeroHint == null ? "" : "; " + zeroHint));
            return null;
        }
        if (v > Integer.MAX_VALUE) {
            problem(node.position(), path + " is too large: " + v);
            return null;
        }
        return v.intValue();
    }

    /** {@code v} (read from {@code node}) unless negative: then null, after saying so. */
    Long nonNegative(Long v, YamlNode node, String path) {
        if (v < 0) {
            problem(node.position(), path + " must not be negative (it is " + v + ")");
            return null;
        }
        return v;
    }

    /** Says that {@code path}, read from {@code node}, must not be negative; always null, for the caller. */
    Double negative(YamlNode node, String path, double v) {
        problem(node.position(), path + " must not be negative (it is " + trim(v) + ")");
        return null;
    }

    /** " (remove the quotes)" only for a value that really is in quotes and is a plain number inside them. */
    private static String quotesHint(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.QUOTED_TEXT) {
            YamlNode.Scalar.Kind inside = YamlReader.kindOfPlain(s.text());
            if (inside == YamlNode.Scalar.Kind.WHOLE_NUMBER || inside == YamlNode.Scalar.Kind.DECIMAL) {
                return " (remove the quotes)";
            }
        }
        return "";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
