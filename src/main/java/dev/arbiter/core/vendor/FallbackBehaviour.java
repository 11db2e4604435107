package dev.arbiter.core.vendor;

/**
 * What an agent does while its LLM provider is down: the guide's Pillar 5 "Fallback Strategy" —
 * "build graceful degradation — queue actions, notify humans, or fall back to rule-based systems".
 */
public sealed interface FallbackBehaviour {

    /** Longest detail text kept (who to notify, which rules). */
    int MAX_DETAIL = 500;

    /** The stored key: QUEUE, NOTIFY or RULES. */
    String key();

    /** What it adds: whom to notify, which rules; empty for queueing. */
    String detail();

    /** One line for people, e.g. "notify humans (on-call: ops@example.com)". */
    String describe();

    /** Actions wait in the escalation queue until the provider is back. */
    record QueueActions() implements FallbackBehaviour {
        public String key() {
            return "QUEUE";
        }

        public String detail() {
            return "";
        }

        public String describe() {
            return "queue actions until the provider is back";
        }
    }

    /** People are told and take over; {@code whom} is a person, rota or channel. */
    record NotifyHumans(String whom) implements FallbackBehaviour {
        public NotifyHumans {
            whom = whom == null ? "" : whom.strip();
        }

        public String key() {
            return "NOTIFY";
        }

        public String detail() {
            return whom;
        }

        public String describe() {
            return "notify humans" + (whom.isEmpty() ? "" : " (" + whom + ")");
        }
    }

    /** A deterministic rule-based system takes over; {@code rules} names it. */
    record RuleBased(String rules) implements FallbackBehaviour {
        public RuleBased {
            rules = rules == null ? "" : rules.strip();
        }

        public String key() {
            return "RULES";
        }

        public String detail() {
            return rules;
        }

        public String describe() {
            return "rule-based fallback" + (rules.isEmpty() ? "" : " (" + rules + ")");
        }
    }

    /**
     * The behaviour named by {@code key} (queue/notify/rules in any case; also the stored keys).
     *
     * @throws IllegalArgumentException naming the accepted words, or the missing detail: notifying
     *         needs whom to notify, a rule-based fallback needs which rules
     */
    static FallbackBehaviour of(String key, String detail) {
        String k = key == null ? "" : key.strip().toUpperCase(java.util.Locale.ROOT);
        String d = detail == null ? "" : detail.strip();
        if (d.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("fallback detail: at most " + MAX_DETAIL + " characters, not "
                    + d.length());
        }
        return switch (k) {
            case "QUEUE" -> new QueueActions();
            case "NOTIFY" -> {
                if (d.isEmpty()) {
                    throw new IllegalArgumentException("fallback detail: say whom to notify (a person, rota or channel)");
                }
                yield new NotifyHumans(d);
            }
            case "RULES" -> {
                if (d.isEmpty()) {
                    throw new IllegalArgumentException("fallback detail: name the rule-based system or rules that take over");
                }
                yield new RuleBased(d);
            }
            default -> throw new IllegalArgumentException("fallback: \"" + (key == null ? "" : key.strip())
                    + "\" is not a fallback behaviour; use queue, notify or rules");
        };
    }
}
