package dev.arbiter.gateway;

import dev.arbiter.core.Version;
import dev.arbiter.core.audit.LedgerHealth;
import dev.arbiter.core.audit.UnstorableText;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.DecisionTelemetry;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.decision.OutcomeAlreadyRecorded;
import dev.arbiter.core.evidence.Receipts;
import dev.arbiter.core.token.AgentTokens;
import dev.arbiter.core.token.TokenCheck;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of gateway-api.md. Turns requests into core calls and core
 * results into JSON; the rules live in {@link DecisionEngine}. Answers that
 * wait for the ledger or a reviewer are sent from the executor when they are
 * ready, so no thread is held while an agent waits; request bodies are read
 * as they arrive, for the same reason.
 *
 * <p>Before any route, the caller is checked ({@link CallerCheck}: Host and
 * Origin); every refusal (that one, 401, 403) goes through {@link Refusals},
 * which throttles and aggregates it.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String ACTIONS = "/v1/actions";
    private static final String OUTCOME = "/outcome";
    private static final String RECEIPT = "/receipt";
    /** How long a refused request's body may take to arrive before the refusal is sent with Connection: close. */
    private static final int DRAIN_SECONDS = 2;
    static final int MAX_WAIT_SECONDS = 60;

    /** What the server provides to the handler: counting open calls, and whether it is shutting down. */
    interface Host {
        void began();

        void ended(int status);

        boolean stopping();
    }

    /** What the handler needs besides core: where to run replies, the clock for body deadlines, the checks. */
    record Front(Executor executor, Scheduler scheduler, CallerCheck callers, Refusals refusals,
            Supplier<LedgerHealth> ledgerHealth, Supplier<DecisionTelemetry> telemetry, Receipts receipts,
            dev.arbiter.core.witness.Witness witness) {
    }

    private final DecisionEngine engine;
    private final AgentTokens tokens;
    private final Front front;
    private final Host host;
    private final String version = Version.current();
    /** Open long polls; registering one and releasing all on stop hold this lock, so none is missed. */
    private final Map<CompletableFuture<Optional<Decision>>, Decision> polls = new ConcurrentHashMap<>();

    ApiHandler(DecisionEngine engine, AgentTokens tokens, Front front, Host host) {
        this.engine = engine;
        this.tokens = tokens;
        this.front = front;
        this.host = host;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        host.began();
        Call call = new Call(request, response, callback, host::ended);
        guarded(call, () -> {
            if (host.stopping()) {
                throw ApiError.unavailable("the gateway is shutting down; retry against the next one");
            }
            String refused = front.callers().refusal(call.header("Host"), call.header("Origin"));
            if (refused != null) {
                throw front.refusals().refuse(call, ApiError.forbidden(refused.startsWith("Origin")
                        ? "requests from web pages are refused: agents send no Origin header"
                        : "Host " + abbreviate(call.header("Host")) + " is not this gateway; "
                        + "call it as 127.0.0.1, localhost or [::1] with its port"), refused, null, null);
            }
            route(call);
        });
        return true;
    }

    /** Runs one step of a call, turning what it throws into the call's answer. */
    private void guarded(Call call, Runnable step) {
        try {
            step.run();
        } catch (ApiError e) {
            refuse(call, e);
        } catch (Call.ClientGone e) {
            LOG.debug("Client left {} {}: {}", call.method(), call.path(), e.getMessage());
            call.abandon(e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", call.method(), call.path(), e);
            call.reply(ApiError.unavailable("the gateway could not handle this request; see the Arbiter log"));
        }
    }

    /**
     * Answers a refused call. A refusal before the body was read (401 on a POST, say) first reads and
     * discards that body, within the usual 64 KiB and a short deadline, so the connection stays usable
     * for the client's next request; a body that is too large, too slow or never ends is answered with
     * Connection: close instead, so the client knows not to send anything more on it.
     */
    private void refuse(Call call, ApiError error) {
        if (!call.hasUnreadBody() || error.status() == 408 || error.status() == 413) {
            call.reply(error);
            return;
        }
        call.body(front.scheduler(), DRAIN_SECONDS).whenComplete((discarded, failure) -> call.reply(error,
                failure != null));
    }

    /** Reads the body without holding a thread, then runs {@code then} with it (guarded). */
    private void withBody(Call call, Consumer<byte[]> then) {
        call.body(front.scheduler(), GatewayServer.REQUEST_TIMEOUT_SECONDS).whenComplete((body, failure) ->
                guarded(call, () -> {
                    if (failure != null) {
                        throw failure instanceof RuntimeException re ? re : new Call.ClientGone(failure);
                    }
                    then.accept(body);
                }));
    }

    private void route(Call call) {
        String path = call.path();
        String method = call.method();
        if (path.equals("/v1/health")) {
            expect(method, "GET", path);
            call.reply(200, ActionJson.health(version, front.ledgerHealth().get()));
        } else if (path.equals("/v1/status")) {
            expect(method, "GET", path);
            call.reply(200, ActionJson.status(engine.status(authenticate(call))));
        } else if (path.equals(ACTIONS)) {
            expect(method, "POST", path);
            ask(call);
        } else if (path.equals(WitnessRoute.PATH)) {
            expect(method, "POST", path);
            addCheckpoint(call);
        } else if (path.startsWith(ACTIONS + "/")) {
            String rest = path.substring(ACTIONS.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0 && !rest.isEmpty()) {
                expect(method, "GET", path);
                current(call, rest);
            } else if (slash > 0 && rest.substring(slash).equals(OUTCOME)) {
                expect(method, "POST", path);
                outcome(call, rest.substring(0, slash));
            } else if (slash > 0 && rest.substring(slash).equals(RECEIPT)) {
                expect(method, "GET", path);
                receipt(call, rest.substring(0, slash));
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
        withBody(call, body -> decide(call, agentId, body));
    }

    private void decide(Call call, String agentId, byte[] body) {
        long start = System.nanoTime();
        DecisionRequest request = ActionJson.decisionRequest(ActionJson.object(body));
        if (!request.agentId().equals(agentId)) {
            throw front.refusals().refuse(call, ApiError.forbidden("this token belongs to " + agentId + ", not "
                    + request.agentId()), "token of another agent", null, agentId);
        }
        CompletableFuture<Decision> decided = engine.decide(request);
        java.util.function.BiConsumer<Decision, Throwable> answer = (decision, failure) -> {
            if (among(failure, UnstorableText.class) instanceof UnstorableText text) {
                call.reply(ApiError.invalid(null, "the request cannot be recorded: " + text.getMessage()));
            } else if (failure != null) {
                LOG.warn("Decision for {} not recorded, answering 503: {}", agentId, failure.getMessage());
                call.reply(ApiError.unavailable("the decision could not be written to the audit ledger, so it "
                        + "cannot be given; do not act, and retry later"));
            } else {
                // Non-blocking (a bounded queue); reported first so the span has ended when the agent reads the answer.
                front.telemetry().get().decided(decision, "gateway", call.header("traceparent"), start);
                call.reply(200, ActionJson.decision(decision));
            }
        };
        if (decided.isDone()) {
            decided.whenComplete(answer); // written on this thread (the ledger's leader): answer from here too
        } else {
            decided.whenCompleteAsync(answer, front.executor()); // never on the ledger's own threads
        }
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
        synchronized (polls) {
            // Checked under the lock releasePolls() takes after setting stopping: a poll registered
            // here is either seen by it or sees stopping itself, never neither.
            if (host.stopping()) {
                settled.complete(engine.find(traceId).or(() -> Optional.of(decision)));
            } else {
                polls.put(settled, decision);
            }
        }
        settled.whenCompleteAsync((now, failure) -> {
            polls.remove(settled);
            Decision answer = failure != null || now == null ? decision : now.orElse(decision);
            call.reply(200, ActionJson.decision(answer));
        }, front.executor());
    }

    /** POST /v1/actions/{id}/outcome: what happened, for an action that was allowed. */
    private void outcome(Call call, String traceId) {
        String agentId = authenticate(call);
        call.requireJson();
        withBody(call, body -> recordOutcome(call, traceId, agentId, body));
    }

    private void recordOutcome(Call call, String traceId, String agentId, byte[] body) {
        Outcome outcome = ActionJson.outcome(ActionJson.object(body));
        Decision decision = owned(call, traceId, agentId);
        if (!decision.wasAllowed()) {
            throw ApiError.conflict(traceId + " was never allowed (" + decision.verdict().wireName() + ", "
                    + decision.reasonCode() + "), so there is no outcome to record");
        }
        engine.recordOutcome(decision, outcome).whenCompleteAsync((entry, failure) -> {
            if (among(failure, UnstorableText.class) instanceof UnstorableText text) {
                call.reply(ApiError.invalid(null, "the outcome cannot be recorded: " + text.getMessage()));
            } else if (among(failure, OutcomeAlreadyRecorded.class) instanceof OutcomeAlreadyRecorded repeat) {
                call.reply(ApiError.conflict(repeat.getMessage()));
            } else if (failure != null) {
                call.reply(ApiError.unavailable("the outcome could not be written to the audit ledger; retry later"));
            } else {
                call.reply(200, ActionJson.outcomeRecorded(traceId));
            }
        }, front.executor());
    }

    /**
     * GET /v1/actions/{id}/receipt: the trace's entries proven against a signed checkpoint, signed (issue 18);
     * 202 with Retry-After while no checkpoint covers them and one was signed on demand too recently, or another
     * receipt is being built (a flood of requests never queues on the reply executor); 409 for a trace of more
     * entries than a receipt proves. Built on the reply executor: O(log n) look-ups and at most a few chunk reads.
     */
    private void receipt(Call call, String traceId) {
        String agentId = authenticate(call);
        owned(call, traceId, agentId);
        front.executor().execute(() -> guarded(call, () -> {
            Receipts.Result result;
            try {
                result = front.receipts().tryReceipt(traceId);
            } catch (RuntimeException e) {
                LOG.warn("Receipt for {} not issued: {}", traceId, e.getMessage(), e);
                throw ApiError.unavailable("the receipt could not be built (the ledger or the signing key cannot be "
                        + "read); retry later");
            }
            if (result instanceof Receipts.Issued issued) {
                call.reply(200, issued.receipt().json());
            } else if (result instanceof Receipts.Pending pending) {
                call.replyRetryAfter(202, ActionJson.receiptPending(traceId, pending.retryAfterSeconds()),
                        pending.retryAfterSeconds());
            } else if (result instanceof Receipts.Busy busy) {
                throw ApiError.busy("another receipt is being built; retry after " + busy.retryAfterSeconds()
                        + " s", busy.retryAfterSeconds());
            } else if (result instanceof Receipts.TooLarge tooLarge) {
                throw ApiError.conflict("trace " + abbreviate(traceId) + " holds more than " + tooLarge.max()
                        + " entries, more than a receipt proves; ask the operator for an evidence bundle "
                        + "(arbiter audit bundle)");
            } else {
                throw ApiError.notFound("the ledger holds no entry of trace " + abbreviate(traceId));
            }
        }));
    }

    /**
     * POST /v1/witness/add-checkpoint ({@link WitnessRoute}): authenticated by the log's witness token before the
     * body is read (401, throttled and audited like every refusal), then the bounded body is cosigned or refused
     * on the reply executor (a database write).
     */
    private void addCheckpoint(Call call) {
        String header = call.header("Authorization");
        String token = header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        String origin = front.witness().httpTokenOrigin(token).orElseThrow(() -> front.refusals().refuse(call,
                ApiError.unauthenticated(token == null ? "send Authorization: Bearer <the log's witness token> "
                        + "(issue one on this witness with: arbiter witness token --origin ORIGIN)"
                        : "the witness token is not valid (it was replaced, or is of another witness)"),
                token == null ? "no witness token" : "unknown witness token", null, null));
        withBody(call, body -> front.executor().execute(() -> guarded(call, () ->
                WitnessRoute.answer(call, front.witness(), origin, body))));
    }

    /**
     * The failure of {@code type} behind a ledger failure (the request, not the ledger, is at fault: its text
     * cannot be stored, its outcome is recorded already), else null.
     */
    private static Throwable among(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private Decision owned(Call call, String traceId, String agentId) {
        Decision decision = engine.find(traceId).orElseThrow(() ->
                ApiError.notFound("there is no action with trace id " + abbreviate(traceId)));
        if (!decision.agentId().equals(agentId)) {
            throw front.refusals().refuse(call, ApiError.forbidden(traceId + " was asked by another agent; only "
                    + decision.agentId() + " may read it"), "token of another agent", null, agentId);
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
        throw front.refusals().refuse(call, ApiError.unauthenticated(switch (refused.reason()) {
            case MISSING -> header == null
                    ? "send Authorization: Bearer <token> (issue one with: arbiter token issue --agent ID)"
                    : "use the Bearer scheme: Authorization: Bearer <token>";
            case EXPIRED -> "the token has expired; issue a new one";
            case REVOKED -> "the token was revoked";
            case AGENT_RETIRED -> "the token's agent is retired";
            case UNKNOWN -> "the token is not valid";
        }), header != null && token == null ? "not a bearer token" : refused.reason().text(), refused.tokenId(),
                refused.agentId());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /**
     * Answers every open long poll with the decision as it stands (on
     * shutdown). Call after the host reports {@code stopping}: polls
     * registered later answer themselves.
     */
    void releasePolls() {
        synchronized (polls) {
            polls.forEach((poll, asked) -> poll.complete(engine.find(asked.traceId()).or(() -> Optional.of(asked))));
        }
    }
}
