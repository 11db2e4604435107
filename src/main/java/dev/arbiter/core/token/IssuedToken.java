package dev.arbiter.core.token;

/**
 * A token just issued: the only time its text exists outside the agent's hands.
 * Show it once; Arbiter keeps only its hash.
 */
public record IssuedToken(TokenInfo info, String token) {

    @Override
    public String toString() {
        return "IssuedToken[" + info.id() + " for " + info.agentId() + "]"; // never log the secret
    }
}
