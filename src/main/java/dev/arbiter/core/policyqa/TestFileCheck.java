package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.PolicyProblem;
import java.util.List;

/** A test file read: the suite when valid, else every problem found (line:col and what to write). */
public record TestFileCheck(PolicyTestSuite suite, List<PolicyProblem> problems) {

    public TestFileCheck {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty() && suite != null;
    }
}
