package dev.arbiter.core.alert;

import dev.arbiter.core.policy.PolicyProblem;
import java.util.List;
import java.util.stream.Collectors;

/** Alert rules that do not read; each problem names its line and column. */
public final class InvalidAlertRulesException extends RuntimeException {

    private final transient List<PolicyProblem> problems;

    public InvalidAlertRulesException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
