package dev.arbiter.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The one canonical name of an action, {@code verb:resource}, as every face
 * (gateway, CLI and desktop test benches, policy patterns) reads it.
 *
 * <p>The rule (issue 12 §1; the guide's "explicit allow/deny lists" only hold
 * if one action has one name):
 * <ul>
 * <li>exactly one colon between a verb and a resource, each at most {@value #MAX_PART} characters;</li>
 * <li>each side is one or more <em>segments</em> joined by {@code /} or {@code .}; a segment is
 *     one or more of {@code a-z 0-9 _ -};</li>
 * <li>ASCII letters are <b>folded to lower case</b>: {@code READ:Secrets} is the action
 *     {@code read:secrets} (the only spelling that is canonicalised, because case never
 *     distinguishes two actions);</li>
 * <li>every other spelling is <b>refused</b>, never repaired: white space anywhere (leading,
 *     trailing, inside), control and invisible characters, anything outside ASCII (look-alikes
 *     such as Cyrillic {@code а} or full-width letters), percent-encoding ({@code %2F}),
 *     backslashes, empty segments (a leading, trailing or doubled {@code /} or {@code .}),
 *     {@code .} and {@code ..} segments, a second colon. The refusal says what to write
 *     instead when that is unambiguous.</li>
 * </ul>
 * Refusing rather than repairing keeps what Arbiter matched identical to what
 * the agent's tool will act on: a downstream system might read {@code secrets/}
 * or {@code ./secrets} differently from Arbiter's repair.
 *
 * @param text the canonical text, lower case, e.g. {@code read:customer_profile}
 */
public record ActionName(String text) {

    /** Longest verb, and longest resource, in characters. */
    public static final int MAX_PART = 100;

    /** How an action name as sent was read: canonical, or refused with the reason. */
    public sealed interface Reading permits Canonical, Refused {
    }

    /**
     * An accepted name.
     *
     * @param name the canonical name
     * @param sent the text as it was sent; differs from {@code name.text()} only in letter case
     */
    public record Canonical(ActionName name, String sent) implements Reading {
        /** True when the name as sent was not already canonical (it had upper-case letters). */
        public boolean folded() {
            return !name.text().equals(sent);
        }
    }

    /** A refused name; {@code message} names the problem and, where it can, what to write instead. */
    public record Refused(String message) implements Reading {
    }

    public ActionName {
        if (NameSyntax.problem(text, false, "action").isPresent() || !text.equals(fold(text))) {
            throw new IllegalArgumentException("not a canonical action name: " + text);
        }
    }

    /** Reads an action name as an agent or a person sent it; never throws. */
    public static Reading read(String sent) {
        Optional<String> problem = NameSyntax.problem(sent, false, "action");
        if (problem.isPresent()) {
            return new Refused(problem.get());
        }
        return new Canonical(new ActionName(fold(sent)), sent);
    }

    /** The canonical name of {@code sent}, or an {@link IllegalArgumentException} saying why there is none. */
    public static ActionName of(String sent) {
        Reading reading = read(sent);
        if (reading instanceof Canonical c) {
            return c.name();
        }
        throw new IllegalArgumentException(((Refused) reading).message());
    }

    /** The verb, before the colon. */
    public String verb() {
        return text.substring(0, text.indexOf(':'));
    }

    /** The resource, after the colon. */
    public String resource() {
        return text.substring(text.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return text;
    }

    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
