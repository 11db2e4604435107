package dev.arbiter.core.vendor;

/**
 * An agent's multi-provider status (the guide's Pillar 5 "Multi-Provider Strategy": "consider using
 * multiple LLM providers to avoid single-vendor lock-in"), read from its fallback model and the
 * vendor that model comes from.
 */
public enum ProviderStrategy {
    /** The fallback model comes from another vendor: a provider outage does not stop the agent. */
    MULTI_PROVIDER("multi-provider"),
    /** A fallback model from the same vendor: covers a retired model, not a provider outage. */
    SINGLE_PROVIDER_WITH_FALLBACK("single provider, fallback model"),
    /** No fallback model at all. */
    SINGLE_MODEL("single model, no fallback"),
    /** No model pinned yet. */
    NO_MODEL("no model pinned");

    private final String label;

    ProviderStrategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
