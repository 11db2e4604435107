package dev.arbiter.gateway;

import dev.arbiter.core.token.RefusalSummary;

/**
 * How a refused request is answered and audited, so that hostile traffic
 * costs a bounded amount (issue 13 §1): each refusal is counted into its
 * source's window ({@link RefusalDigest}, one ledger entry per source and
 * window), and a source refused more than its {@link RefusalThrottle} allows
 * gets {@code 429} with {@code Retry-After} instead of the refusal itself.
 */
final class Refusals {

    private final RefusalThrottle throttle;
    private final RefusalDigest digest;

    Refusals(RefusalThrottle throttle, RefusalDigest digest) {
        this.throttle = throttle;
        this.digest = digest;
    }

    /**
     * Counts the refusal of {@code call} and returns the error to answer:
     * {@code refusal} itself, or 429 when its source is over its allowance.
     *
     * @param reason  why, for the audit ("token expired", "foreign Host"…)
     * @param tokenId the refused token's id when recognisable, else null (never the token)
     * @param agentId the agent it names, else null
     */
    ApiError refuse(Call call, ApiError refusal, String reason, String tokenId, String agentId) {
        String source = call.source();
        long wait = throttle.admit(source);
        digest.record(source, new RefusalSummary.Sample(reason, tokenId, agentId, call.requestLine()), wait > 0);
        return wait > 0 ? ApiError.tooManyRequests(wait) : refusal;
    }
}
