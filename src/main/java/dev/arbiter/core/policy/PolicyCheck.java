package dev.arbiter.core.policy;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of reading a policy text: the policy when it is valid, else the
 * problems (sorted by line and column). Never both.
 */
public record PolicyCheck(AgentPolicy policy, List<PolicyProblem> problems) {

    public PolicyCheck {
        problems = problems.stream()
                .sorted(Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column))
                .toList();
        if ((policy == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a policy check has either a policy or problems");
        }
    }

    static PolicyCheck valid(AgentPolicy policy) {
        return new PolicyCheck(policy, List.of());
    }

    static PolicyCheck invalid(List<PolicyProblem> problems) {
        return new PolicyCheck(null, problems);
    }

    public boolean isValid() {
        return policy != null;
    }

    /** The policy, or an exception listing every problem as {@code line:col: message}. */
    public AgentPolicy orThrow() {
        if (policy == null) {
            throw new InvalidPolicyException(problems);
        }
        return policy;
    }
}
