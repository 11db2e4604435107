package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The GET stream's buffer stays within its bounds whatever the server sends,
 * and a reader resuming from any event id gets the kept events after it, in
 * order, with none twice.
 */
class SessionEventsTest {

    @Property(tries = 200)
    void boundedAndResumableInOrder(@ForAll @Size(max = 600) List<@IntRange(max = 300_000) Integer> sizes,
                                    @ForAll @IntRange(max = 700) int resumeAfter) throws InterruptedException {
        SessionEvents events = new SessionEvents();
        for (int size : sizes) {
            long seq = events.add(new byte[size]);
            assertThat(seq).isPositive();
            assertThat(events.bytes()).isLessThanOrEqualTo(SessionEvents.MAX_BYTES);
        }
        assertThat(events.add(new byte[(int) SessionEvents.MAX_BYTES + 1])).isEqualTo(-1);
        long after = Math.min(resumeAfter, events.lastSeq());
        long previous = after;
        int read = 0;
        SessionEvents.Event event;
        while ((event = events.next(previous, 0, () -> false)) != null) {
            assertThat(event.seq()).isGreaterThan(previous);
            previous = event.seq();
            read++;
        }
        assertThat(previous).isEqualTo(events.lastSeq());
        assertThat(read).isLessThanOrEqualTo(SessionEvents.MAX_EVENTS);
    }
}
