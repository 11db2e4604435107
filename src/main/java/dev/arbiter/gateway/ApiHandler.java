package dev.arbiter.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.arbiter.core.Version;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.token.AgentTokens;
import dev.arbiter.core.token.TokenCheck;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of gateway-api.md. Turns requests into core calls and core
 * results into JSON; the rules live in {@link DecisionEngine}. Answers that
 * wait for the ledger or a reviewer are sent from the executor when they are
 * ready, so no thread is held while an agent waits.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String ACTIONS = "/v1/actions";
    private static final String OUTCOME = "/outcome";
    static final int MAX_WAIT_SECONDS = 60;

    /** What the server provides to the handler: counting open calls, and whether it is shutting down. */
    interface Host {
        void began();

        void ended(int status);

        boolean stopping();
    }

    private final DecisionEngine engine;
    private final AgentTokens tokens;
    private final Executor executor;
    private final Host host;
    private final byte[] health = ActionJson.health(Version.current());
    private final Map<CompletableFuture<Optional<Decision>>, Decision> polls = new ConcurrentHashMap<>();

    ApiHandler(DecisionEngine engine, AgentTokens tokens, Executor executor, Host host) {
        this.engine = engine;
        this.tokens = tokens;
        this.executor = executor;
        this.host = host;
    }

    @Override
    public void handle(HttpExchange exchange) {
        host.began();
        Call call = new Call(exchange, host::ended);
        try {
            if (host.stopping()) {
                throw ApiError.unavailable("the gateway is shutting down; retry against the next one");
            }
            route(call);
        } catch (ApiError e) {
            call.reply(e);
        } catch (Call.ClientGone e) {
            LOG.debug("Client left {} {}: {}", call.method(), call.path(), e.getMessage());
            call.abandon();
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", call.method(), call.path(), e);
            call.reply(ApiError.unavailable("the gateway could not handle this request; see the Arbiter log"));
        }
    }

    private void route(Call call) {
        String path = call.path();
        String method = call.method();
        if (path.equals("/v1/health")) {
            expect(method, "GET", path);
            call.reply(200, health);
        } else if (path.equals("/v1/status")) {
            expect(method, "GET", path);
            call.reply(200, ActionJson.status(engine.status(authenticate(call))));
        } else if (path.equals(ACTIONS)) {
            expect(method, "POST", path);
            ask(call);
        } else if (path.startsWith(ACTIONS + "/")) {
            String rest = path.substring(ACTIONS.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0 && !rest.isEmpty()) {
                expect(method, "GET", path);
                current(call, rest);
            } else if (slash > 0 && rest.substring(slash).equals(OUTCOME)) {
                expect(method, "POST", path);
                outcome(call, rest.substring(0, slash));
            } else {
                throw ApiError.notFound("there is no " + path + "; see docs/openapi.yaml");
            }
        } else {
            throw ApiError.notFound("there is no " + path + "; see docs/openapi.yaml");
        }
    }

    private static void expect(String method, String wanted, String path) {
        if (!method.equals(wanted)) {
            throw ApiError.methodNotAllowed(path + " takes " + wanted + ", not " + method);
        }
    }

    /** POST /v1/actions: decide, and answer once the decision is in the ledger. */
    private void ask(Call call) {
        String agentId = authenticate(call);
        call.requireJson();
        DecisionRequest request = ActionJson.decisionRequest(ActionJson.object(call.body()));
        if (!request.agentId().equals(agentId)) {
            refuse(call, "token of another agent", agentId);
            throw ApiError.forbidden("this token belongs to " + agentId + ", not " + request.agentId());
        }
        engine.decide(request).whenCompleteAsync((decision, failure) -> {
            if (failure != null) {
                LOG.warn("Decision for {} not recorded, answering 503: {}", agentId, failure.getMessage());
                call.reply(ApiError.unavailable("the decision could not be written to the audit ledger, so it "
                        + "cannot be given; do not act, and retry later"));
            } else {
                call.reply(200, ActionJson.decision(decision));
            }
        }, executor);
    }

    /** GET /v1/actions/{id}?wait=N: the decision now, or once settled (long poll). */
    private void current(Call call, String traceId) {
        String agentId = authenticate(call);
        int wait = waitSeconds(call.query());
        Decision decision = owned(call, traceId, agentId);
        if (!decision.isPending() || wait == 0) {
            call.reply(200, ActionJson.decision(decision));
            return;
        }
        CompletableFuture<Optional<Decision>> settled = engine.whenSettled(traceId)
                .completeOnTimeout(Optional.of(decision), wait, TimeUnit.SECONDS);
        polls.put(settled, decision);
        settled.whenCompleteAsync((now, failure) -> {
            polls.remove(settled);
            Decision answer = failure != null || now == null ? decision : now.orElse(decision);
            call.reply(200, ActionJson.decision(answer));
        }, executor);
    }

    /** POST /v1/actions/{id}/outcome: what happened, for an action that was allowed. */
    private void outcome(Call call, String traceId) {
        String agentId = authenticate(call);
        call.requireJson();
        Outcome outcome = ActionJson.outcome(ActionJson.object(call.body()));
        Decision decision = owned(call, traceId, agentId);
        if (!decision.wasAllowed()) {
            throw ApiError.conflict(traceId + " was never allowed (" + decision.verdict().wireName() + ", "
                    + decision.reasonCode() + "), so there is no outcome to record");
        }
        engine.recordOutcome(decision, outcome).whenCompleteAsync((entry, failure) -> {
            if (failure != null) {
                call.reply(ApiError.unavailable("the outcome could not be written to the audit ledger; retry later"));
            } else {
                call.reply(200, ActionJson.outcomeRecorded(traceId));
            }
        }, executor);
    }

    private Decision owned(Call call, String traceId, String agentId) {
        Decision decision = engine.find(traceId).orElseThrow(() ->
                ApiError.notFound("there is no action with trace id " + abbreviate(traceId)));
        if (!decision.agentId().equals(agentId)) {
            refuse(call, "token of another agent", agentId);
            throw ApiError.forbidden(traceId + " was asked by another agent; only " + decision.agentId()
                    + " may read it");
        }
        return decision;
    }

    private static int waitSeconds(String query) {
        if (query == null) {
            return 0;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("wait=")) {
                String value = pair.substring(5);
                try {
                    int seconds = Integer.parseInt(value);
                    if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                        return seconds;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
                throw ApiError.invalid("wait", "wait must be a whole number of seconds from 0 to "
                        + MAX_WAIT_SECONDS);
            }
        }
        return 0;
    }

    /** The agent the bearer token belongs to; 401 (audited, without the token) when there is none. */
    private String authenticate(Call call) {
        String header = call.header("Authorization");
        String token = null;
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        }
        TokenCheck check = tokens.check(token);
        if (check instanceof TokenCheck.Valid valid) {
            return valid.info().agentId();
        }
        TokenCheck.Refused refused = (TokenCheck.Refused) check;
        tokens.auditRefusal(header != null && token == null ? "not a bearer token" : refused.reason().text(),
                refused.tokenId(), refused.agentId(), call.source());
        throw ApiError.unauthenticated(switch (refused.reason()) {
            case MISSING -> header == null
                    ? "send Authorization: Bearer <token> (issue one with: arbiter token issue --agent ID)"
                    : "use the Bearer scheme: Authorization: Bearer <token>";
            case EXPIRED -> "the token has expired; issue a new one";
            case REVOKED -> "the token was revoked";
            case AGENT_RETIRED -> "the token's agent is retired";
            case UNKNOWN -> "the token is not valid";
        });
    }

    private void refuse(Call call, String reason, String agentId) {
        tokens.auditRefusal(reason, null, agentId, call.source());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** Answers every open long poll with the decision as it stands (on shutdown). */
    void releasePolls() {
        polls.forEach((poll, asked) -> poll.complete(engine.find(asked.traceId()).or(() -> Optional.of(asked))));
    }
}
