package dev.arbiter.core.agent;

import java.util.List;
import java.util.stream.Collectors;

/** An agent profile was refused; one problem per field, so a form can show each next to its field. */
public class InvalidAgentException extends IllegalArgumentException {

    private final transient List<FieldProblem> problems;

    public InvalidAgentException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
