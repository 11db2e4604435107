package dev.arbiter.cli;

import dev.arbiter.core.policyqa.CaseResult;
import dev.arbiter.core.policyqa.CoverageItem;
import dev.arbiter.core.policyqa.JUnitXml;
import dev.arbiter.core.policyqa.PolicyTestFile;
import dev.arbiter.core.policyqa.PolicyTests;
import dev.arbiter.core.policyqa.SuiteResult;
import dev.arbiter.core.policyqa.TestFileRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter policy test [FILES…]}: runs policy test files with the
 * gateway's decision rules (no workspace needed, nothing recorded) for CI.
 * Exit 0 when every case passed, 1 when a case failed, 2 when a file is
 * invalid or missing (that wins over failures: a suite that cannot run proves nothing).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run policy test files (NAME.tests.yaml beside NAME.yaml) with the gateway's decision rules.",
                "Exits 0 when every case passes, 1 when one fails, 2 when a file is invalid.",
                "A FILE may be a test file, a policy file (its NAME.tests.yaml is run) or a folder (every *.tests.yaml "
                        + "in it); none: the current folder."})
final class PolicyTestCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Test files, policy files or folders.")
    List<Path> files;
    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML (for CI).")
    Path junit;
    @Option(names = "--coverage", description = "List the allowed and denied entries, tier overrides, network "
            + "entries, thresholds and limits that no case exercises.")
    boolean coverage;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> testFiles = new ArrayList<>();
        boolean missing = false;
        for (Path p : files == null || files.isEmpty() ? List.of(Path.of(".")) : files) {
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(p, "*" + PolicyTestFile.SUFFIX)) {
                    List<Path> found = new ArrayList<>();
                    dir.forEach(found::add);
                    found.sort(null);
                    if (found.isEmpty()) {
                        err.println("arbiter: " + p + ": no *" + PolicyTestFile.SUFFIX + " files in this folder");
                        missing = true;
                    }
                    testFiles.addAll(found);
                }
            } else {
                Path t = PolicyTests.testFileFor(p);
                if (!Files.isRegularFile(t)) {
                    err.println("arbiter: " + t + ": no such test file" + (t.equals(p) ? ""
                            : " (the tests of policy " + p + " go in " + t.getFileName() + ")"));
                    missing = true;
                } else {
                    testFiles.add(t);
                }
            }
        }
        List<SuiteResult> results = new ArrayList<>();
        boolean invalid = missing;
        long cases = 0;
        long failed = 0;
        for (Path t : testFiles) {
            TestFileRun run = PolicyTests.run(t);
            if (run instanceof TestFileRun.Invalid bad) {
                invalid = true;
                bad.problems().forEach(p -> err.println(p.in(bad.problemFile().toString())));
                err.println(t + ": not run" + (bad.problemFile().equals(t) ? "" : " (its policy is invalid)"));
                continue;
            }
            SuiteResult r = ((TestFileRun.Ran) run).result();
            results.add(r);
            print(out, t, r);
            cases += r.cases().size();
            failed += r.failures();
        }
        out.println();
        out.println(cases + " case" + (cases == 1 ? "" : "s") + ": " + (cases - failed) + " passed, " + failed
                + " failed" + (invalid ? "; some files could not run (see above)" : ""));
        if (junit != null) {
            try {
                JUnitXml.write(results, Instant.now(), junit);
                out.println("JUnit XML: " + junit.toAbsolutePath());
            } catch (IOException e) {
                err.println("arbiter: cannot write " + junit + ": " + e.getMessage());
                invalid = true;
            }
        }
        out.flush();
        err.flush();
        return invalid ? 2 : failed > 0 ? 1 : 0;
    }

    private void print(PrintWriter out, Path file, SuiteResult r) {
        out.println(file + " (policy " + r.policyName() + ", " + r.cases().size() + " cases)");
        for (CaseResult c : r.cases()) {
            out.println("  " + (c.passed() ? "PASS" : "FAIL") + "  " + TerminalText.clean(c.testCase().name()));
            if (!c.passed()) {
                String at = file + ":" + c.testCase().position();
                c.mismatches().forEach(m -> out.println("        " + m));
                out.println("        decided: " + c.actual().verdict().wireName() + " / "
                        + (c.actual().tier() == null ? "no tier" : c.actual().tier().wireName()) + " / "
                        + c.actual().reasonCode() + ": " + TerminalText.clean(c.actual().reason()));
                out.println("        at " + at);
            }
        }
        if (coverage) {
            List<CoverageItem> gaps = r.coverage().uncovered();
            out.println("  coverage: " + r.coverage().coveredCount() + " of " + r.coverage().items().size()
                    + " policy parts exercised" + (gaps.isEmpty() ? "" : "; not exercised:"));
            for (CoverageItem g : gaps) {
                out.println("    " + g.section() + ": " + TerminalText.clean(g.entry())
                        + (g.position() == null ? "" : " (line " + g.position().line() + ")") + " - needs " + g.how());
            }
        }
    }
}
