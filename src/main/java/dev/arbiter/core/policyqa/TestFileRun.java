package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.PolicyProblem;
import java.nio.file.Path;
import java.util.List;

/** What running one test file gave: its results, or the problems that kept it from running. */
public sealed interface TestFileRun permits TestFileRun.Ran, TestFileRun.Invalid {

    Path file();

    /** The cases ran (each passed or failed). */
    record Ran(Path file, Path policyFile, SuiteResult result) implements TestFileRun {
    }

    /**
     * The test file or its policy could not be read; {@code problemFile} is the file the problems are
     * in (the test file or the policy it names).
     */
    record Invalid(Path file, Path problemFile, List<PolicyProblem> problems) implements TestFileRun {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
