package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.PolicyCheck;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.PolicyYaml;
import dev.arbiter.core.policy.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds and runs policy test files. A test file sits beside its policy:
 * {@code NAME.tests.yaml} tests {@code NAME.yaml} unless it names another file
 * with {@code policy:}. Given a policy file instead, its test file is the one
 * beside it.
 */
public final class PolicyTests {

    private PolicyTests() {
    }

    /** The test file for {@code file}: itself when it is one, else the {@code .tests.yaml} beside the policy. */
    public static Path testFileFor(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(PolicyTestFile.SUFFIX)) {
            return file;
        }
        String stem = name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
                : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + PolicyTestFile.SUFFIX);
    }

    /** The policy a test file tests when it names none: {@code NAME.yaml} beside {@code NAME.tests.yaml}. */
    public static Path policyFileBeside(Path testFile) {
        String name = testFile.getFileName().toString();
        String stem = name.endsWith(PolicyTestFile.SUFFIX)
                ? name.substring(0, name.length() - PolicyTestFile.SUFFIX.length()) : name;
        return testFile.resolveSibling(stem + ".yaml");
    }

    /** Reads {@code testFile} and its policy and runs every case; never throws for a bad file. */
    public static TestFileRun run(Path testFile) {
        TestFileCheck check = PolicyTestFile.check(testFile);
        if (!check.isValid()) {
            return new TestFileRun.Invalid(testFile, testFile, check.problems());
        }
        Path policyFile = check.suite().policyFile() != null ? check.suite().policyFile() : policyFileBeside(testFile);
        if (!Files.isRegularFile(policyFile)) {
            return new TestFileRun.Invalid(testFile, testFile, List.of(new PolicyProblem(Position.START,
                    "there is no policy " + policyFile + " beside this test file; name it with policy: FILE under "
                            + "policy_tests:")));
        }
        String text;
        try {
            text = Files.readString(policyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = null; // the check below reports the file as unreadable, with its reason
        }
        PolicyCheck policy = PolicyYaml.check(policyFile);
        if (!policy.isValid()) {
            return new TestFileRun.Invalid(testFile, policyFile, policy.problems());
        }
        return new TestFileRun.Ran(testFile, policyFile,
                PolicyTestRunner.run(testFile.getFileName().toString(), policy.policy(), text, check.suite()));
    }
}
