package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 15: an allowed call that the server runs as its own task gets its outcome when its result passes back
 * through {@code tasks/result}. Whatever the client and server do (results asked twice or never, task ids
 * reused, tasks past the bound or their time to live, the session ending), every such call is handed back for
 * its outcome exactly once, and the memory stays bounded.
 */
class ServerTaskOutcomesProperties {

    /** One step: a created task, a tasks/result asked or answered, time passing; small ids so they collide. */
    record Step(int kind, int task, int request, long ttlMs) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 20),
                        Arbitraries.longs().between(-5, 200_000_000L)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(600);
    }

    private static JsonNode created(String taskId, long ttlMs) {
        var response = JsonRpc.JSON.createObjectNode();
        var task = response.putObject("result").putObject("task");
        task.put("taskId", taskId).put("status", "working");
        if (ttlMs >= 0) {
            task.put("ttl", ttlMs);
        }
        return response;
    }

    private static Decision allowed(String traceId) {
        return new Decision(traceId, "agent", "s", "research:query", Verdict.ALLOW, null, null, ReasonCode.ALLOWED,
                "allowed", "p", 1, Instant.EPOCH, null, null, null);
    }

    @Property(tries = 150)
    void everyCallIsHandedBackForItsOutcomeExactlyOnce(@ForAll("steps") List<Step> steps) {
        AtomicLong clock = new AtomicLong();
        ServerTaskOutcomes outcomes = new ServerTaskOutcomes(clock::get);
        Map<String, Integer> handedBack = new HashMap<>();
        List<String> made = new ArrayList<>();
        int n = 0;
        for (Step step : steps) {
            switch (step.kind()) {
                case 0 -> {
                    String trace = "t" + n++;
                    made.add(trace);
                    outcomes.created(allowed(trace), created("task-" + step.task(), step.ttlMs()), clock.get())
                            .forEach(u -> handedBack.merge(u.waiting().decision().traceId(), 1, Integer::sum));
                }
                case 1 -> outcomes.resultAsked("r" + step.request(), "task-" + step.task());
                case 2 -> {
                    ServerTaskOutcomes.Waiting w = outcomes.resultAnswered("r" + step.request());
                    if (w != null) {
                        handedBack.merge(w.decision().traceId(), 1, Integer::sum);
                    }
                }
                default -> clock.addAndGet(Duration.ofMinutes(step.request() * 7L).toNanos());
            }
            assertThat(outcomes.size()).isLessThanOrEqualTo(ServerTaskOutcomes.MAX_TASKS);
        }
        outcomes.drain("the session ended").forEach(u -> handedBack.merge(u.waiting().decision().traceId(), 1,
                Integer::sum));
        assertThat(handedBack.keySet()).containsExactlyInAnyOrderElementsOf(made);
        assertThat(handedBack.values()).allMatch(times -> times == 1);
        assertThat(outcomes.size()).isZero();
    }

    @Property(tries = 100)
    void aTasksTimeToLiveIsClampedWhateverTheServerSays(@ForAll("ttls") JsonNode ttl) {
        var response = JsonRpc.JSON.createObjectNode();
        response.putObject("result").putObject("task").put("taskId", "x").set("ttl", ttl);
        Duration kept = ServerTaskOutcomes.ttl(response);
        assertThat(kept).isBetween(ServerTaskOutcomes.MIN_TTL, ServerTaskOutcomes.MAX_TTL);
    }

    @Provide
    Arbitrary<JsonNode> ttls() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300).map(f::numberNode),
                Arbitraries.strings().ofMaxLength(8).map(f::textNode),
                Arbitraries.just(f.nullNode()));
    }
}
