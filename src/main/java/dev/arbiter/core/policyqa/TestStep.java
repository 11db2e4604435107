package dev.arbiter.core.policyqa;

import java.time.Duration;

/**
 * One fixture step of a test case, run before its request: a request sent
 * {@code repeat} times, {@code every} apart (rate-limit and budget sequences),
 * or a pause of the test clock.
 */
public sealed interface TestStep permits TestStep.Send, TestStep.Wait {

    /** {@code request} sent {@code repeat} times (1 or more), the clock moved by {@code every} after each. */
    record Send(ModelRequest request, int repeat, Duration every) implements TestStep {
    }

    /** The test clock moves on by {@code duration}. */
    record Wait(Duration duration) implements TestStep {
    }
}
