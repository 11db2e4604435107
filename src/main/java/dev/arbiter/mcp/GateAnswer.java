package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.Decision;

/** What the proxy does with one {@code tools/call}, once Arbiter has ruled on it. */
sealed interface GateAnswer {

    /** Allowed (at once, or approved by a reviewer): send it on unchanged. */
    record Forward(Decision decision) implements GateAnswer {
    }

    /**
     * Refused: answer the client with this tool result ({@code isError: true}),
     * so the model reads why; the server never sees the call.
     */
    record Refuse(ObjectNode toolResult) implements GateAnswer {
    }

    /** Not a call that can be decided (unknown tool, arguments not an object): a JSON-RPC error. */
    record Reject(int code, String message) implements GateAnswer {
    }
}
