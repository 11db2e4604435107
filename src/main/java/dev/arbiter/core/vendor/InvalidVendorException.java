package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A vendor was refused; one problem per field, so a form can show each beside its field. */
public class InvalidVendorException extends IllegalArgumentException {

    private final transient List<FieldProblem> problems;

    public InvalidVendorException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
