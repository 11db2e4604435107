package dev.arbiter.core.vendor;

import java.util.Locale;
import java.util.Optional;

/** What a vendor provides: a large language model, a tool an agent calls, or a platform the agents run on. */
public enum VendorKind {
    LLM("LLM"), TOOL("tool"), PLATFORM("platform");

    private final String label;

    VendorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind named by {@code text} (any case, {@code llm}, {@code tool}, {@code platform}); empty when none. */
    public static Optional<VendorKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (VendorKind k : values()) {
            if (k.name().equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
