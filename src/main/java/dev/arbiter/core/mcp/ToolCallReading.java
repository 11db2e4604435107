package dev.arbiter.core.mcp;

import dev.arbiter.core.decision.DecisionRequest;

/** What Arbiter made of one {@code tools/call}: a request to decide, or why it cannot be decided. */
public sealed interface ToolCallReading {

    /** The call, as the decision engine will see it. */
    record Decidable(DecisionRequest request) implements ToolCallReading {
    }

    /**
     * The arguments do not fit what the policy reads from them (an amount that
     * is not a number): refused before any decision, since the risk of the call
     * cannot be scored.
     */
    record Undecidable(String problem) implements ToolCallReading {
    }
}
