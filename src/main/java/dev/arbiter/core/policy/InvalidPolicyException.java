package dev.arbiter.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy text was refused; the message lists every problem as {@code line:col: message}. */
public class InvalidPolicyException extends IllegalArgumentException {

    private final transient List<PolicyProblem> problems;

    public InvalidPolicyException(List<PolicyProblem> problems) {
        super("The policy is not valid:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
