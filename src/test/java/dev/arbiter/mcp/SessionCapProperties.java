package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The session cap's rule over any mix of sessions and any clock, wrap-around
 * of {@link System#nanoTime()} included: a newcomer ends only a session
 * without a connection for at least {@link SessionCap#UNCONNECTED}, the one
 * unconnected longest, and is refused only when there is no such session.
 */
class SessionCapProperties {

    static final long LIMIT = SessionCap.UNCONNECTED.toNanos();

    @Property(tries = 200)
    void onlyTheLongestUnconnectedSessionPastTheLimitIsEverEnded(
            @ForAll("sessions") List<SessionCap.Seen> sessions, @ForAll long now) {
        List<SessionCap.Seen> shifted = new ArrayList<>();
        for (SessionCap.Seen s : sessions) { // ages relative to now, so nanoTime may wrap between them
            shifted.add(new SessionCap.Seen(s.id(), s.connected(), now - s.lastConnectedNanos()));
        }
        Optional<String> ended = SessionCap.replaceable(shifted, now);
        List<SessionCap.Seen> endable = sessions.stream()
                .filter(s -> !s.connected() && s.lastConnectedNanos() >= LIMIT).toList();
        assertThat(ended.isPresent()).isEqualTo(!endable.isEmpty());
        ended.ifPresent(id -> {
            SessionCap.Seen chosen = sessions.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            assertThat(chosen.connected()).isFalse();
            assertThat(chosen.lastConnectedNanos()).as("age").isGreaterThanOrEqualTo(LIMIT)
                    .isEqualTo(endable.stream().mapToLong(SessionCap.Seen::lastConnectedNanos).max().orElseThrow());
        });
    }

    /** Sessions whose third field is their age in nanoseconds (0 to 3 × the limit, edges often). */
    @Provide
    Arbitrary<List<SessionCap.Seen>> sessions() {
        Arbitrary<Long> age = Arbitraries.oneOf(Arbitraries.longs().between(0, 3 * LIMIT),
                Arbitraries.of(0L, LIMIT - 1, LIMIT, LIMIT + 1));
        Arbitrary<SessionCap.Seen> one = Combinators.combine(Arbitraries.strings().alpha().ofLength(8),
                Arbitraries.of(true, false), age).as(SessionCap.Seen::new);
        return one.list().ofMaxSize(McpHttpSessions.MAX_SESSIONS).uniqueElements(SessionCap.Seen::id);
    }
}
