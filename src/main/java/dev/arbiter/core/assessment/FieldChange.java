package dev.arbiter.core.assessment;

import java.time.Instant;

/**
 * One line of a version's change history: who changed which field from what to what.
 * Edits of one field by one person in quick succession (autosave while typing)
 * are folded into one line that keeps the first "before" and the last "after".
 */
public record FieldChange(Instant at, String actor, String field, String before, String after) {
}
