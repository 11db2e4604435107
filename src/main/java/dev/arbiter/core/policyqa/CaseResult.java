package dev.arbiter.core.policyqa;

import java.util.List;

/**
 * How one test case went.
 *
 * @param actual     the decision on the case's request; null when a fixture step could not run
 * @param mismatches what differs from the expectation, in words; empty when the case passed
 * @param nanos      how long the case took, in nanoseconds (JUnit XML's {@code time})
 */
public record CaseResult(PolicyTestCase testCase, ModelDecision actual, List<String> mismatches, long nanos) {

    public CaseResult {
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }
}
