package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.demo.DemoAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack on the on-demand checkpoint's once-a-second limit: the host's clock is stepped back an hour (NTP, a
 * virtual machine restored) just after a receipt signed one. Every fresh decision's receipt then answered
 * "retry after 3601 s" until the clock caught up; now the step costs at most the one second.
 */
class ReceiptClockStepTest {

    @TempDir
    Path dir;

    @Test
    void aClockSteppedBackDoesNotHoldReceiptsForTheLengthOfTheStep() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), clock)) {
            DemoAgents.ensure(ws);
            String first = ws.decisions().decide(ReceiptTest.refund()).join().traceId();
            assertThat(ws.receipts().receipt(first)).isInstanceOf(Receipts.Issued.class);
            clock.advance(Duration.ofHours(-1));
            String second = ws.decisions().decide(ReceiptTest.refund()).join().traceId();
            Receipts.Result result = ws.receipts().receipt(second);
            if (result instanceof Receipts.Pending pending) {
                assertThat(pending.retryAfterSeconds()).isLessThanOrEqualTo(1);
                clock.advance(Receipts.ON_DEMAND_EVERY);
                result = ws.receipts().receipt(second);
            }
            assertThat(result).isInstanceOf(Receipts.Issued.class);
        }
    }
}
