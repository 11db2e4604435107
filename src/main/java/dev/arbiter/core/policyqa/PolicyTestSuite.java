package dev.arbiter.core.policyqa;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A policy test file, read and checked: the policy it tests and its cases.
 *
 * @param policyFile the policy file named by {@code policy:}, resolved against the test file's
 *                   folder; null when the file names none (the desktop tests the policy in its editor)
 * @param start      the test clock's time when each case begins
 */
public record PolicyTestSuite(Path policyFile, Instant start, List<PolicyTestCase> cases) {

    public PolicyTestSuite {
        cases = List.copyOf(cases);
    }
}
