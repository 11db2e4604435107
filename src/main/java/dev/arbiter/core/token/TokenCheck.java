package dev.arbiter.core.token;

/** The result of checking a presented bearer token. */
public sealed interface TokenCheck {

    /** The token is good and belongs to {@code info().agentId()}. */
    record Valid(TokenInfo info) implements TokenCheck {
    }

    /**
     * The token was refused. {@code tokenId} and {@code agentId} are filled in
     * when the token was recognisable (an expired or revoked one), so the audit
     * entry can name it without the secret.
     */
    record Refused(Reason reason, String tokenId, String agentId) implements TokenCheck {
    }

    enum Reason {
        MISSING("no bearer token"),
        UNKNOWN("unknown token"),
        EXPIRED("token expired"),
        REVOKED("token revoked"),
        AGENT_RETIRED("the token's agent is retired");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
