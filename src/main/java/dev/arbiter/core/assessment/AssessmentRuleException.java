package dev.arbiter.core.assessment;

import java.util.List;

/**
 * A workflow step the rules do not allow now (submit an incomplete draft,
 * approve without three passed reviews, edit a locked version). {@link #problems()}
 * lists every reason, each a sentence the user can act on.
 */
public final class AssessmentRuleException extends RuntimeException {

    private final List<String> problems;

    AssessmentRuleException(String summary, List<String> problems) {
        super(problems.isEmpty() ? summary : summary + " " + String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    AssessmentRuleException(String message) {
        this(message, List.of());
    }

    public List<String> problems() {
        return problems;
    }
}
