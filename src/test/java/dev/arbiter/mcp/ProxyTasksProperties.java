package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.TestClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The bounds of one session's MCP tasks, whatever the client asks: a
 * granted time to live is always within 1 min–24 h (a number of any size or
 * sign, or no number at all); a session never keeps more than
 * {@link ProxyTasks#MAX_TASKS} tasks; a task still running (it may stand for
 * a queue item a person reads) is never evicted or expired; a finished task
 * stays readable for its time to live and at least its grace after finishing.
 */
class ProxyTasksProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<JsonNode> requestedTtls() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.of(NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(-1e308),
                        NODES.textNode("60000"), NODES.nullNode(), NODES.booleanNode(true), NODES.objectNode()));
    }

    @Property(tries = 300)
    void aGrantedTimeToLiveIsAlwaysWithinItsBounds(@ForAll("requestedTtls") JsonNode ttl) {
        ObjectNode requested = NODES.objectNode();
        requested.set("ttl", ttl);
        long granted = ProxyTasks.ttl(requested);
        assertThat(granted).isBetween(ProxyTasks.MIN_TTL_MS, ProxyTasks.MAX_TTL_MS);
        if (!ttl.isNumber()) {
            assertThat(granted).isEqualTo(ProxyTasks.DEFAULT_TTL_MS);
        }
    }

    /** One step of a client: open a task, finish the i-th one still running, or let time pass (minutes). */
    record Step(int kind, int which, int minutes) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.integers().between(0, 9).flatMap(kind -> Arbitraries.integers().between(0, 400)
                .flatMap(which -> Arbitraries.integers().between(0, 3 * 24 * 60)
                        .map(minutes -> new Step(kind, which, minutes)))).list().ofMaxSize(700);
    }

    @Property(tries = 40)
    void noSessionKeepsMoreThanItsCapAndNoRunningTaskIsEverLost(@ForAll("steps") List<Step> steps,
                                                                @ForAll @IntRange(min = 60_000, max = 200_000_000)
                                                                int ttl) {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        ProxyTasks tasks = new ProxyTasks(clock);
        List<ProxyTasks.Task> running = new ArrayList<>();
        List<ProxyTasks.Task> finished = new ArrayList<>();
        ObjectNode asked = NODES.objectNode().put("ttl", ttl);
        for (Step step : steps) {
            boolean full = false;
            if (step.kind() < 6) { // mostly opening: that is where the cap bites
                full = tasks.list().path("tasks").size() >= ProxyTasks.MAX_TASKS;
                ProxyTasks.Task task = tasks.create(asked, "waiting");
                if (task == null) {
                    assertThat(running).as("busy only when every kept task still runs").hasSize(ProxyTasks.MAX_TASKS);
                } else {
                    running.add(task);
                }
            } else if (step.kind() < 9 && !running.isEmpty()) {
                ProxyTasks.Task task = running.remove(step.which() % running.size());
                assertThat(task.finish(ProxyTasks.Status.COMPLETED, "done", NODES.objectNode(), clock.instant()))
                        .isTrue();
                finished.add(task);
            } else {
                clock.advance(Duration.ofMinutes(step.minutes() % 90));
            }
            assertThat(tasks.list().path("tasks").size()).isLessThanOrEqualTo(ProxyTasks.MAX_TASKS);
            for (ProxyTasks.Task task : running) {
                assertThat(tasks.find(task.id)).as("a running task is never lost").isSameAs(task);
            }
            Instant now = clock.instant();
            for (java.util.Iterator<ProxyTasks.Task> it = finished.iterator(); it.hasNext(); ) {
                ProxyTasks.Task task = it.next();
                if (tasks.find(task.id) == null) {
                    // gone: past its ttl and grace, or evicted for a new task in a full session
                    assertThat(task.expired(now) || full).as("task dropped early").isTrue();
                    it.remove();
                }
            }
        }
    }

    @Property(tries = 50)
    void unknownAndGuessedIdsFindNothing(@ForAll @Size(max = 60) String suffix) {
        ProxyTasks tasks = new ProxyTasks(new TestClock(Instant.parse("2026-11-30T00:00:00Z")));
        ProxyTasks.Task real = tasks.create(null, "waiting");
        String guess = ProxyTasks.PREFIX + suffix;
        if (!guess.equals(real.id)) {
            assertThat(tasks.find(guess)).isNull();
        }
    }
}
