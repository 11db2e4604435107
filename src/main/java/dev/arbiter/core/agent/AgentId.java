package dev.arbiter.core.agent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for agent ids (issue 12 §1: {@code Ops-Bot} and {@code ops-bot} are one agent).
 *
 * <p>An id is 1–64 characters of {@code a-z 0-9 . _ -}, starting with a letter
 * or digit, and its canonical form is <b>lower case</b>. Registration refuses
 * an id that is not canonical (saying which to write), so no two agents differ
 * only in case; lookups (the gateway's {@code agent_id}, the CLI's
 * {@code --agent}) fold ASCII case first, so {@code Ops-Bot} finds
 * {@code ops-bot}. Ids registered before this rule were lower-cased by
 * migration V6 where that made no clash.
 */
public final class AgentId {

    /** Longest id, in characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ANY_CASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AgentId() {
    }

    /**
     * The canonical (lower-case) form of an id as sent or typed; the text unchanged (but never
     * matching a registered id) when it has characters no id may have.
     */
    public static String canonical(String id) {
        if (id == null || !ANY_CASE.matcher(id).matches()) {
            return id;
        }
        return id.toLowerCase(Locale.ROOT);
    }

    /** Why {@code id} cannot be looked up (empty, bad characters, too long), or empty when it can. */
    public static Optional<String> problemWith(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("an agent id cannot be empty; e.g. support-agent-v2");
        }
        if (!ANY_CASE.matcher(id).matches()) {
            return Optional.of("\"" + id + "\" is not an agent id: use letters, digits, . _ and - only (at most "
                    + MAX_LENGTH + ", starting with a letter or digit)");
        }
        return Optional.empty();
    }

    /** Why {@code id} cannot be registered as a new agent (including not being lower case), or empty. */
    public static Optional<String> problemRegistering(String id) {
        Optional<String> problem = problemWith(id);
        if (problem.isPresent()) {
            return problem;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.equals(id) ? Optional.empty()
                : Optional.of("agent ids are lower case, so that one agent has one id: write " + lower);
    }
}
