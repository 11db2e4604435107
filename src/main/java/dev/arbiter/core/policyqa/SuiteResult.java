package dev.arbiter.core.policyqa;

import java.util.List;

/**
 * A test file's run: each case's result and what the cases left unexercised.
 *
 * @param name the suite's name in reports (the test file's name)
 */
public record SuiteResult(String name, String policyName, List<CaseResult> cases, PolicyCoverage coverage) {

    public SuiteResult {
        cases = List.copyOf(cases);
    }

    public long failures() {
        return cases.stream().filter(c -> !c.passed()).count();
    }

    public boolean passed() {
        return failures() == 0;
    }

    public long nanos() {
        return cases.stream().mapToLong(CaseResult::nanos).sum();
    }
}
