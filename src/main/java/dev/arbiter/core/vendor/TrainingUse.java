package dev.arbiter.core.vendor;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the vendor may use customer data (prompts, tool outputs, user data) to train its models:
 * the guide's Pillar 5 asks to "clarify whether conversation data, tool outputs, or user data is used
 * for training". UNKNOWN is what it is until someone has checked the contract.
 */
public enum TrainingUse {
    YES, NO, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** yes/no/unknown in any case (also true/false); empty when the text is none of them. */
    public static Optional<TrainingUse> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y" -> Optional.of(YES);
            case "no", "false", "n" -> Optional.of(NO);
            case "unknown", "?" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
