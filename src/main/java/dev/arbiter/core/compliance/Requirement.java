package dev.arbiter.core.compliance;

/**
 * One requirement of a regulation that bears on agents.
 *
 * @param suggestedControl what typically meets it, to prefill the control field; may be null
 * @param check            a check Arbiter runs itself; null when a person must record the control
 * @param builtIn          shipped with Arbiter (false: added by a user in this workspace)
 */
public record Requirement(String id, String regulationId, String title, String description,
                          Applicability appliesTo, String suggestedControl, AutomaticCheck check, boolean builtIn) {
}
