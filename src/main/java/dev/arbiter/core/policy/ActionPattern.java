package dev.arbiter.core.policy;

import java.util.Optional;

/**
 * An action pattern of a policy, {@code verb:resource}, where either part may
 * hold {@code *} wildcards ({@code delete:*}, {@code read:customer_*}). A
 * wildcard never crosses the colon. Matching ignores ASCII case, so that an
 * agent asking for {@code READ:secret} cannot slip past a deny of
 * {@code read:secret} through an allowed {@code read:*}.
 */
public final class ActionPattern extends WrittenEntry {

    private final Glob verb;
    private final Glob resource;

    private ActionPattern(String text, Glob verb, Glob resource) {
        super(text);
        this.verb = verb;
        this.resource = resource;
    }

    /** Parses {@code text}, or says in plain words why it is not a pattern. */
    public static ActionPattern parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(problemWith(text).orElseThrow()));
    }

    public static Optional<ActionPattern> tryParse(String text) {
        if (problemWith(text).isPresent()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        return Optional.of(new ActionPattern(text, new Glob(text.substring(0, colon)),
                new Glob(text.substring(colon + 1))));
    }

    /** Why {@code text} is not a valid pattern, or empty when it is. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("an action pattern cannot be empty; write verb:resource, e.g. read:customer_profile");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.of("\"" + text + "\" is not an action pattern: write verb:resource, "
                    + "e.g. read:customer_profile");
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            return Optional.of("\"" + text + "\" has more than one colon: write verb:resource, e.g. delete:*");
        }
        if (colon == 0 || colon == text.length() - 1) {
            return Optional.of("\"" + text + "\" needs both a verb and a resource around the colon, "
                    + "e.g. read:order_history (use * for any)");
        }
        return unexpectedCharacter(text, "_-./*:").map(c -> "\"" + text + "\" contains '" + c
                + "': patterns may use letters, digits, _ - . / and * only");
    }

    /** True when {@code action} ({@code verb:resource}) falls under this pattern. */
    public boolean matches(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return verb.matches(action, 0, colon) && resource.matches(action, colon + 1, action.length());
    }

    public boolean hasWildcard() {
        return text().indexOf('*') >= 0;
    }

    /** Same pattern text, ignoring case: what "listed twice" means. */
    public boolean sameAs(ActionPattern other) {
        return text().equalsIgnoreCase(other.text());
    }
}
