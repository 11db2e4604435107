package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The MCP HTTP front's byte budget: never over capacity, large bodies leave the headroom, all given back. */
class BodyBudgetTest {

    @Property(tries = 50)
    void concurrentBodiesNeverHoldMoreThanTheCapacityAndGiveEverythingBack(
            @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 1, max = 40) Integer> bodies) throws Exception {
        BodyBudget budget = new BodyBudget(100, 10, 5);
        AtomicLong most = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int size : bodies) {
            Thread t = new Thread(() -> {
                try (BodyBudget.Lease lease = budget.lease()) {
                    go.await();
                    long body = 0;
                    for (int i = 0; i < size; i++) {
                        if (!lease.grow(1, body + 1)) {
                            return; // refused: answered 503, the lease is given back below
                        }
                        body++;
                        most.accumulateAndGet(budget.used(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(most.get()).isLessThanOrEqualTo(100);
        assertThat(budget.used()).isZero();
    }

    @Test
    void largeBodiesLeaveTheHeadroomToSmallOnes() {
        BodyBudget budget = new BodyBudget(100, 10, 5);
        BodyBudget.Lease large = budget.lease();
        assertThat(large.grow(90, 90)).isTrue();
        assertThat(budget.lease().grow(6, 6)).as("a large body cannot enter the headroom").isFalse();
        BodyBudget.Lease small = budget.lease();
        assertThat(small.grow(5, 5)).isTrue();
        assertThat(budget.lease().grow(6, 6)).isFalse();
        assertThat(budget.lease().grow(5, 5)).isTrue();
        assertThat(budget.lease().grow(1, 1)).as("capacity reached").isFalse();
        large.close();
        large.close(); // idempotent
        assertThat(budget.used()).isEqualTo(10);
    }
}
