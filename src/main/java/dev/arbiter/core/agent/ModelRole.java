package dev.arbiter.core.agent;

import java.util.Locale;
import java.util.Optional;

/** Which of an agent's models a change request changes. */
public enum ModelRole {
    PINNED("pinned model"), FALLBACK("fallback model");

    private final String label;

    ModelRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The model of this role in {@code p}. */
    public String of(AgentProfile p) {
        return this == PINNED ? p.model() : p.fallbackModel();
    }

    /** {@code p} with this role's model set to {@code model}. */
    AgentProfile with(AgentProfile p, String model) {
        return this == PINNED
                ? new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), p.vendor(), model, p.fallbackModel(),
                        p.dataClasses(), p.budget(), p.policyName(), p.policyVersion())
                : new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), p.vendor(), p.model(), model,
                        p.dataClasses(), p.budget(), p.policyName(), p.policyVersion());
    }

    public static Optional<ModelRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "pinned", "model", "primary" -> Optional.of(PINNED);
            case "fallback" -> Optional.of(FALLBACK);
            default -> Optional.empty();
        };
    }
}
