package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rule every screen follows changes by ({@link Following}), on a UI clock the property moves itself: for
 * any sequence of notices and passing time, refreshes start at least an interval apart, none starts without a
 * notice since the last one, and once the notices stop the last change is on screen within an interval.
 */
class FollowingProperties {

    static final Duration INTERVAL = Duration.ofMillis(500);

    /** A notice (a change, then its notice) when {@code millis} is zero, else the UI clock moving on. */
    record Step(int notices, int millis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> burst = Arbitraries.integers().between(1, 50).map(n -> new Step(n, 0));
        Arbitrary<Step> time = Arbitraries.integers().between(1, 1_200).map(ms -> new Step(0, ms));
        return Arbitraries.oneOf(burst, time).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void refreshesAreAnIntervalApartAndTheLastChangeIsSeen(@ForAll("steps") List<Step> steps) {
        TestUiThread ui = new TestUiThread();
        long[] version = {0};
        long[] seen = {0};
        List<Long> starts = new ArrayList<>();
        List<Long> versionsAtStart = new ArrayList<>();
        Following following = new Following(ui, INTERVAL, () -> {
            starts.add(ui.nanoTime());
            versionsAtStart.add(version[0]);
            seen[0] = version[0];
        });
        for (Step s : steps) {
            for (int i = 0; i < s.notices(); i++) {
                version[0]++;
                following.request();
            }
            if (s.millis() > 0) {
                ui.advance(Duration.ofMillis(s.millis()));
            } else {
                ui.runPending();
            }
        }
        ui.advance(INTERVAL);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(INTERVAL.toNanos());
            assertThat(versionsAtStart.get(i)).as("a refresh without a notice since the last")
                    .isGreaterThan(versionsAtStart.get(i - 1));
        }
        assertThat(seen[0]).as("the last change is on screen").isEqualTo(version[0]);
        assertThat(ui.waiting()).isZero();
    }

    @Property(tries = 50)
    void nothingRefreshesAfterClose(@ForAll("steps") List<Step> steps) {
        TestUiThread ui = new TestUiThread();
        int[] runs = {0};
        Following following = new Following(ui, INTERVAL, () -> runs[0]++);
        for (Step s : steps) {
            for (int i = 0; i < s.notices(); i++) {
                following.request();
            }
        }
        following.close();
        following.request();
        ui.advance(INTERVAL.multipliedBy(3));
        assertThat(runs[0]).isZero();
    }
}
