package dev.arbiter.core.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The classes of record the ledger holds, each with its own retention floor ({@link RetentionFloor}). Chosen from
 * the events Arbiter writes, grouped by why a regulator or auditor asks for them: what agents were allowed to do
 * (EU AI Act Art. 12/26(6) logs), who approved or signed off (human oversight, Art. 14), which rules were in force,
 * what went wrong and how it was handled (Art. 73), and the rest of the system's own record.
 */
public enum RecordClass {

    /** Decisions on agents' actions, their outcomes, MCP calls and budget alerts. */
    DECISIONS("decisions", "decisions and outcomes", List.of("decision", "action.", "mcp.", "budget.")),
    /** A person's review of a queued action, assessment sign-offs and model change approvals. */
    APPROVALS("approvals", "approvals and sign-offs", List.of("review.", "assessment.", "model_change.",
            "readiness.")),
    /** Policy versions saved, activated, rolled back, shadowed. */
    POLICY_CHANGES("policy-changes", "policy changes", List.of("policy.", "compliance.", "alert.rules_changed")),
    /** Incidents, alerts and tabletop exercises. */
    INCIDENTS("incidents", "incidents and alerts", List.of("incident.", "alert.", "exercise.")),
    /** Everything else: kill switch, agents, tokens, vendors, webhooks, the ledger's own maintenance. */
    SYSTEM("system", "system events", List.of());

    private final String key;
    private final String label;
    private final List<String> events;

    RecordClass(String key, String label, List<String> events) {
        this.key = key;
        this.label = label;
        this.events = events;
    }

    /** The name the command line and settings use, e.g. {@code policy-changes}. */
    public String key() {
        return key;
    }

    /** For sentences: {@code policy changes}. */
    public String label() {
        return label;
    }

    /** The event names (exact, or prefixes ending in a dot) of this class; empty for {@link #SYSTEM}. */
    public List<String> events() {
        return events;
    }

    /** The class of an entry's event; {@link #SYSTEM} for any event no other class names. */
    public static RecordClass of(String event) {
        for (RecordClass c : values()) {
            for (String e : c.events) {
                if (event != null && (e.endsWith(".") ? event.startsWith(e) : event.equals(e))) {
                    return c;
                }
            }
        }
        return SYSTEM;
    }

    /** The class named {@code key} ({@code decisions}, {@code approvals}, …), case and {@code _} tolerated. */
    public static Optional<RecordClass> parse(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RecordClass c : values()) {
            if (c.key.equals(k)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
