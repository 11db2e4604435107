package dev.arbiter.core.decision;

import dev.arbiter.core.agent.AgentId;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.HostPort;
import java.util.Optional;

/**
 * The one check of an action request's values, used by every face: the
 * gateway (a problem is {@code 400 INVALID_FIELD} naming the field), the CLI
 * test bench ({@code arbiter policy evaluate}) and the desktop test bench. So
 * a request the gateway refuses is refused by the benches too, with the same
 * words (issue 12 §1–2).
 *
 * <p>Field names are the API's ({@code action}, {@code confidence},
 * {@code target}, {@code context.amount_usd}, {@code tokens_consumed},
 * {@code cost_usd}, {@code agent_id}); a face may show its own label.
 *
 * <p>Limits:
 * <ul>
 * <li>{@code action}: the canonical grammar of {@link ActionName} (letter case is folded, not refused);</li>
 * <li>{@code confidence}: a finite number from 0 to 1 (NaN is refused);</li>
 * <li>{@code target}: {@code host:port} readable by {@link HostPort};</li>
 * <li>{@code context.amount_usd}, {@code cost_usd}: finite, 0 or more, at most {@value #MAX_USD} US dollars;</li>
 * <li>{@code tokens_consumed}: 0 to {@value #MAX_TOKENS} per request, a ceiling far above any one model
 *     call, so that no request can push a daily counter near overflow (issue 12 §2);</li>
 * <li>{@code latency_ms} (an outcome): 0 to {@value #MAX_LATENCY_MS} (a day).</li>
 * </ul>
 */
public final class RequestValidator {

    /** Most tokens one request or outcome may report: 10^9. */
    public static final long MAX_TOKENS = 1_000_000_000L;
    /** Largest amount or cost one request may name, in US dollars: 10^12. */
    public static final double MAX_USD = 1e12;
    /** Longest latency an outcome may report, in milliseconds: one day. */
    public static final long MAX_LATENCY_MS = 86_400_000L;

    private RequestValidator() {
    }

    /** The first problem of a gateway request (agent id first, then as {@link #problemWith(ActionRequest)}). */
    public static Optional<RequestProblem> problemWith(DecisionRequest r) {
        Optional<String> id = AgentId.problemWith(r.agentId());
        if (id.isPresent()) {
            return Optional.of(new RequestProblem("agent_id", "agent_id: " + id.get()));
        }
        return problemWith(r.toActionRequest())
                .or(() -> tokens("tokens_consumed", r.tokensConsumed()))
                .or(() -> usd("cost_usd", r.costUsd()));
    }

    /** The first problem of what the policy evaluator reads (both test benches check exactly this). */
    public static Optional<RequestProblem> problemWith(ActionRequest r) {
        if (ActionName.read(r.action()) instanceof ActionName.Refused refused) {
            return Optional.of(new RequestProblem("action", "action " + refused.message()));
        }
        Double c = r.confidence();
        if (c != null && !(c >= 0 && c <= 1)) {
            // the contract's own example message (gateway-api.md); NaN fails both comparisons
            return Optional.of(new RequestProblem("confidence", "confidence must be between 0 and 1"));
        }
        if (r.target() != null && HostPort.read(r.target()) instanceof HostPort.Refused refused) {
            return Optional.of(new RequestProblem("target", "target " + refused.message()));
        }
        return usd("context.amount_usd", r.amountUsd());
    }

    /** The first problem of an outcome report. */
    public static Optional<RequestProblem> problemWith(Outcome o) {
        return tokens("tokens_consumed", o.tokensConsumed())
                .or(() -> usd("cost_usd", o.costUsd()))
                .or(() -> latency(o.latencyMs()));
    }

    private static Optional<RequestProblem> tokens(String field, Long tokens) {
        if (tokens != null && tokens < 0) {
            return Optional.of(new RequestProblem(field, field + " cannot be negative (it is " + tokens + ")"));
        }
        if (tokens != null && tokens > MAX_TOKENS) {
            return Optional.of(new RequestProblem(field, field + " must be at most " + String.format(
                    java.util.Locale.ROOT, "%,d", MAX_TOKENS) + " per request, not " + tokens));
        }
        return Optional.empty();
    }

    private static Optional<RequestProblem> usd(String field, Double usd) {
        if (usd == null) {
            return Optional.empty();
        }
        if (!Double.isFinite(usd)) {
            return Optional.of(new RequestProblem(field, field + " must be a finite number of US dollars, not " + usd));
        }
        if (usd < 0) {
            return Optional.of(new RequestProblem(field, field + " cannot be negative (it is " + usd + ")"));
        }
        if (usd > MAX_USD) {
            return Optional.of(new RequestProblem(field, field + " must be at most "
                    + String.format(java.util.Locale.ROOT, "%,.0f", MAX_USD) + " US dollars"));
        }
        return Optional.empty();
    }

    private static Optional<RequestProblem> latency(Long ms) {
        if (ms != null && (ms < 0 || ms > MAX_LATENCY_MS)) {
            return Optional.of(new RequestProblem("latency_ms", "latency_ms must be from 0 to " + MAX_LATENCY_MS
                    + " (a day), not " + ms));
        }
        return Optional.empty();
    }
}
