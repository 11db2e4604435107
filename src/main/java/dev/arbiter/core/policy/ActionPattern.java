package dev.arbiter.core.policy;

import java.util.Optional;

/**
 * An action pattern of a policy, {@code verb:resource}, where either part may
 * hold {@code *} wildcards ({@code delete:*}, {@code read:customer_*}). A
 * wildcard never crosses the colon, but does cross {@code /} and {@code .}.
 *
 * <p>Patterns follow the same canonical grammar as {@link ActionName} (same
 * characters, segments, refusals), and match on the lower-case form: a pattern
 * written {@code READ:*} is the pattern {@code read:*}, so the validator reports
 * {@code read:*} and {@code READ:*} in one list as a duplicate.
 *
 * <p>{@link #covers} is what a deny uses: a denied resource denies everything
 * below it too ({@code read:secrets} covers {@code read:secrets/api_key} and
 * {@code read:secrets.old}), and a denied verb every verb below it
 * ({@code read.all:secrets}, {@code read/raw:secrets}), so adding a segment on
 * either side is never a way around a deny.
 * {@link #matches} (the whole name) is what allows and tier overrides use.
 */
public final class ActionPattern extends WrittenEntry {

    private final String canonical;
    private final Glob verb;
    private final Glob resource;

    private ActionPattern(String text, String canonical) {
        super(text);
        this.canonical = canonical;
        int colon = canonical.indexOf(':');
        this.verb = new Glob(canonical.substring(0, colon));
        this.resource = new Glob(canonical.substring(colon + 1));
    }

    /** Parses {@code text}, or says in plain words why it is not a pattern ({@link IllegalArgumentException}). */
    public static ActionPattern parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(problemWith(text).orElseThrow()));
    }

    /** The pattern, or empty when {@code text} is not one. */
    public static Optional<ActionPattern> tryParse(String text) {
        if (problemWith(text).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ActionPattern(text, ActionName.fold(text)));
    }

    /** Why {@code text} is not a valid pattern (with what to write instead where it can tell), or empty. */
    public static Optional<String> problemWith(String text) {
        return NameSyntax.problem(text, true, "action pattern");
    }

    /** The pattern in canonical (lower-case) form, what matching and duplicate checks use. */
    public String canonical() {
        return canonical;
    }

    /** True when the whole of {@code action} falls under this pattern. */
    public boolean matches(ActionName action) {
        return matches(action.text());
    }

    /**
     * True when {@code action} falls under this pattern, or under it plus more
     * segments: what a deny (or an irreversible listing) uses.
     */
    public boolean covers(ActionName action) {
        String a = action.text();
        int colon = a.indexOf(':');
        // both sides: delete:secrets covers delete:secrets.old and delete.all:secrets alike
        return coversPart(verb, a, 0, colon) && coversPart(resource, a, colon + 1, a.length());
    }

    /** True when {@code glob} matches {@code a[from, to)} or a part of it that ends before a / or . separator. */
    private static boolean coversPart(Glob glob, String a, int from, int to) {
        if (glob.matches(a, from, to)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = a.charAt(i);
            if ((c == '/' || c == '.') && glob.matches(a, from, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Glob match of raw text, ignoring ASCII case and without checking it is a
     * canonical name: for comparing two patterns (compliance applicability).
     * To decide on an agent's action use {@link #matches(ActionName)} or {@link #covers}.
     */
    public boolean matches(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return false;
        }
        return verb.matches(text, 0, colon) && resource.matches(text, colon + 1, text.length());
    }

    public boolean hasWildcard() {
        return text().indexOf('*') >= 0;
    }

    /** Same canonical pattern (case aside): what "listed twice" means. */
    public boolean sameAs(ActionPattern other) {
        return canonical.equals(other.canonical);
    }
}
