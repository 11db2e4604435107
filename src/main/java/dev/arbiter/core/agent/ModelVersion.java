package dev.arbiter.core.agent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for a pinned model version (the guide's Pillar 5 "Model Change Management": "pin model
 * versions and test before upgrading"; FAQ: "never auto-update production LLM versions"). A version
 * that can move under the agent without a test is refused:
 * <ul>
 *   <li>anything containing {@code latest}, in any case ({@code gpt-4o-latest}, {@code llama3:LATEST});</li>
 *   <li>a part, between {@code - _ . : / @}, that names a moving channel: stable, current, default,
 *       newest, auto, next, edge, nightly, canary, rolling, head, main, master, trunk, unstable;</li>
 *   <li>wildcards and ranges: {@code * ?}, a part {@code x}, a part ending in {@code +} (Gradle's {@code 1.+}),
 *       a leading {@code ^ ~ < > =}, {@code ||}, Maven's interval brackets and comma ({@code [1.0,2.0)});</li>
 *   <li>any character outside ASCII: a Cyrillic {@code а} or a full-width letter could spell {@code latest};</li>
 *   <li>a name without a single digit: a model family ({@code claude-sonnet}), not a version;</li>
 *   <li>blanks or control characters inside, or more than {@value #MAX_LENGTH} characters.</li>
 * </ul>
 */
public final class ModelVersion {

    public static final int MAX_LENGTH = 200;
    private static final Set<String> MOVING = Set.of("stable", "current", "default", "newest", "auto", "next", "edge",
            "nightly", "canary", "rolling", "head", "main", "master", "trunk", "unstable");

    private ModelVersion() {
    }

    /** Why {@code model} is not a pinned version (a sentence saying what to enter instead); empty when it is. */
    public static Optional<String> problemWith(String model) {
        String m = model == null ? "" : model.strip();
        if (m.isEmpty()) {
            return Optional.of("enter the exact model version, e.g. claude-sonnet-4-5-20250929");
        }
        if (m.length() > MAX_LENGTH) {
            return Optional.of("a model version has at most " + MAX_LENGTH + " characters, not " + m.length());
        }
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return Optional.of("\"" + printable(m) + "\" has a blank or control character at position " + (i + 1)
                        + "; a model version is one word");
            }
        }
        for (int i = 0; i < m.length(); i++) {
            if (m.charAt(i) > '~') { // vendors' model ids are ASCII; a look-alike could spell "latest" unread
                return Optional.of("\"" + printable(m) + "\" has the non-ASCII character '" + m.charAt(i)
                        + "' at position " + (i + 1) + "; type the model version in plain ASCII as the vendor lists it");
            }
        }
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("latest")) {
            return Optional.of(floating(m));
        }
        for (String part : lower.split("[-_.:/@]+")) {
            if (MOVING.contains(part) || part.equals("x") || part.endsWith("+")) {
                return Optional.of(floating(m));
            }
        }
        if (m.contains("*") || m.contains("?") || m.contains("||") || m.matches(".*[\\[\\](),].*")
                || "^~<>=".indexOf(m.charAt(0)) >= 0) {
            return Optional.of("\"" + m + "\" is a range, not a version; pin one exact version");
        }
        if (m.chars().noneMatch(Character::isDigit)) {
            return Optional.of("\"" + m + "\" names a model family, not a version; pin an exact version with its "
                    + "number or date, e.g. " + m + "-20250929");
        }
        return Optional.empty();
    }

    private static String floating(String m) {
        return "pin an exact model version, not \"" + m + "\": an alias can change the agent's behaviour without a test";
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(Character.isISOControl(cp) ? "\\u" + String.format("%04x", cp)
                : new String(Character.toChars(cp))));
        return b.toString();
    }
}
