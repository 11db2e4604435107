package dev.arbiter.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Refusal of an entry whose text PostgreSQL cannot hold: U+0000 (refused by {@code text} and by the
 * {@code jsonb} cast behind the ledger's generated columns) or a lone UTF-16 surrogate (refused by
 * {@code jsonb}: "Unicode low surrogate must follow a high surrogate"). Written into a group commit, such an
 * entry would abort the whole transaction, failing every other caller's entry with it and marking the ledger
 * unavailable; so the writer refuses it alone, before any of its alongside work runs, and the caller learns which
 * field to fix. A SQLite ledger keeps such text as sent (its canonical form escapes it).
 */
public final class UnstorableText extends IllegalArgumentException {

    private UnstorableText(String message) {
        super(message);
    }

    /** The refusal for {@code entry}, or empty when every text field can be stored on PostgreSQL. */
    static Optional<UnstorableText> of(AuditEntry entry) {
        String[][] fields = {
            {"trace_id", entry.traceId()}, {"agent_id", entry.agentId()}, {"session_id", entry.sessionId()},
            {"event", entry.event()}, {"action", entry.action()}, {"input_summary", entry.inputSummary()},
            {"reasoning", entry.reasoning()}, {"output", entry.output()}, {"decision", entry.decision()},
            {"tier", entry.tier()}, {"reason_code", entry.reasonCode()}, {"actor", entry.actor()},
            {"detail", entry.detail()}, {"subject_id", entry.subjectId()}};
        for (String[] field : fields) {
            Optional<UnstorableText> problem = problem(field[0], field[1]);
            if (problem.isPresent()) {
                return problem;
            }
        }
        List<String> tools = entry.toolsUsed();
        for (int i = 0; i < tools.size(); i++) {
            Optional<UnstorableText> problem = problem("tools_used[" + i + "]", tools.get(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<UnstorableText> problem(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of(new UnstorableText(field + " holds the character U+0000 at index " + i
                        + ", which the team database cannot store; send the text without it"));
            }
            if (Character.isSurrogate(c) && LoneSurrogates.isLone(text, i)) {
                return Optional.of(new UnstorableText(field + " holds a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                        + " (half of a character), which the team database cannot store; send valid UTF-16 text"));
            }
        }
        return Optional.empty();
    }
}
