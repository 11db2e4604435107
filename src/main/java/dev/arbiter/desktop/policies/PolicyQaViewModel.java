package dev.arbiter.desktop.policies;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policyqa.CaseResult;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.CoverageItem;
import dev.arbiter.core.policyqa.PolicyTestFile;
import dev.arbiter.core.policyqa.PolicyTestRunner;
import dev.arbiter.core.policyqa.ShadowReport;
import dev.arbiter.core.policyqa.ShadowReports;
import dev.arbiter.core.policyqa.SuiteResult;
import dev.arbiter.core.policyqa.TestFileCheck;
import dev.arbiter.desktop.common.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policy QA panel (issue 19): the policy's test cases run against the policy in the editor on
 * every edit of either (the view debounces; this runs on the background runner), pass or fail per
 * case with the reason, the coverage gaps (allowed and denied entries, overrides and thresholds
 * no case exercises), and the latest shadow report. A run that an edit overtook is dropped, so
 * the panel never shows results of a text that is no longer in the editor.
 */
public final class PolicyQaViewModel {

    /** One case as the panel lists it: its name, whether it passed, and why not. */
    public record CaseRow(String name, boolean passed, String detail) {
    }

    private final ReadOnlyObjectProperty<AgentPolicy> policy;
    private final StringProperty policyText;
    private final TaskRunner runner;
    private final AuditReader audit;
    private final AtomicLong generation = new AtomicLong();

    private final StringProperty tests = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty shadow = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ShadowReport> shadowReport = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty failing = new SimpleBooleanProperty(false);
    private final ObservableList<CaseRow> cases = FXCollections.observableArrayList();
    private final ObservableList<String> uncovered = FXCollections.observableArrayList();

    /**
     * @param policy     the editor's policy, compiled (null while its text has problems)
     * @param policyText the editor's text, for the coverage report's line numbers
     * @param audit      the ledger the shadow report reads
     */
    public PolicyQaViewModel(ReadOnlyObjectProperty<AgentPolicy> policy, StringProperty policyText, TaskRunner runner,
                             AuditReader audit) {
        this.policy = policy;
        this.policyText = policyText;
        this.runner = runner;
        this.audit = audit;
    }

    /** The test cases in the {@code policy_tests:} format of {@code NAME.tests.yaml}. */
    public StringProperty testsProperty() { return tests; }
    /** "12 of 14 cases pass", or what to do first. */
    public StringProperty summaryProperty() { return summary; }
    /** The last shadow report read; null before the first read. */
    public ReadOnlyObjectProperty<ShadowReport> shadowReportProperty() {
        return shadowReport.getReadOnlyProperty();
    }

    /**
     * The whole shadow report as lines (the counts of all changes, every kept change and warning), for the full
     * report view.
     */
    public java.util.List<String> shadowReportLines() {
        ShadowReport r = shadowReport.get();
        if (r == null) {
            return java.util.List.of("No shadow report read yet.");
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(describe(r));
        lines.addAll(dev.arbiter.core.policyqa.ReportText.changes(r.changes(), r.countsByKind(), Integer.MAX_VALUE,
                java.util.function.UnaryOperator.identity()));
        return lines;
    }

    /** The shadow report in one or two lines, with a WARNING when a shadow would allow what was denied. */
    public StringProperty shadowProperty() { return shadow; }
    /** True while a run is under way (the view shows progress). */
    public BooleanProperty runningProperty() { return running; }
    /** True when a case fails or the tests cannot be read. */
    public BooleanProperty failingProperty() { return failing; }
    public ObservableList<CaseRow> cases() { return cases; }
    public ObservableList<String> uncovered() { return uncovered; }

    /** Runs the cases against the policy as it is in the editor now. */
    public void run() {
        long mine = generation.incrementAndGet();
        AgentPolicy p = policy.get();
        String text = tests.get() == null ? "" : tests.get();
        if (p == null) {
            show(mine, "Fix the policy's problems first: the tests run the policy in the editor.", true, List.of(),
                    List.of());
            return;
        }
        if (text.isBlank()) {
            show(mine, "No test cases yet: write them below (policy_tests: with cases:), as in NAME"
                    + PolicyTestFile.SUFFIX + ".", false, List.of(), List.of());
            return;
        }
        String source = policyText.get();
        running.set(true);
        runner.run(() -> outcome(p, source, text), o -> {
            if (generation.get() == mine) {
                running.set(false);
                show(mine, o.summary(), o.failing(), o.cases(), o.uncovered());
            }
        }, failure -> {
            if (generation.get() == mine) {
                running.set(false);
                show(mine, "The tests could not be run: " + failure.getMessage(), true, List.of(), List.of());
            }
        });
    }

    /** Reads the shadow report of every agent's shadow from the ledger (off the FX thread). */
    public void refreshShadow() {
        runner.run(() -> new ShadowReports(audit).run(null, null, null), r -> {
                    shadow.set(describe(r));
                    shadowReport.set(r);
                },
                failure -> shadow.set("The shadow report could not be read: " + failure.getMessage()));
    }

    private record Outcome(String summary, boolean failing, List<CaseRow> cases, List<String> uncovered) {
    }

    private static Outcome outcome(AgentPolicy p, String source, String text) {
        TestFileCheck check = PolicyTestFile.check(text, null);
        if (!check.isValid()) {
            List<CaseRow> problems = check.problems().stream()
                    .map(pr -> new CaseRow("line " + pr.position(), false, pr.message())).toList();
            return new Outcome(check.problems().size() + " problem" + (check.problems().size() == 1 ? "" : "s")
                    + " in the tests; fix them to run the cases", true, problems, List.of());
        }
        SuiteResult result = PolicyTestRunner.run("editor", p, source, check.suite());
        List<CaseRow> rows = result.cases().stream().map(PolicyQaViewModel::row).toList();
        List<String> gaps = result.coverage().uncovered().stream().map(PolicyQaViewModel::gap).toList();
        long passed = rows.stream().filter(CaseRow::passed).count();
        return new Outcome(passed + " of " + rows.size() + " case" + (rows.size() == 1 ? "" : "s") + " pass"
                + (gaps.isEmpty() ? "; every entry is exercised" : "; " + gaps.size() + " untested"),
                passed < rows.size(), rows, gaps);
    }

    private static CaseRow row(CaseResult r) {
        return new CaseRow(r.testCase().name(), r.passed(), r.passed()
                ? r.actual().verdict().wireName() + " " + r.actual().reasonCode()
                : String.join("; ", r.mismatches()) + " (" + r.actual().reasonCode() + ": " + r.actual().reason() + ")");
    }

    private static String gap(CoverageItem item) {
        return item.section() + ": " + item.entry() + (item.position() == null ? "" : " (line " + item.position().line()
                + ")");
    }

    static String describe(ShadowReport r) {
        if (r.decisions() == 0) {
            return "No shadow answers recorded yet. Put a version in shadow: arbiter policy shadow start AGENT "
                    + "--policy NAME --version N.";
        }
        Map<ChangeKind, Long> k = r.countsByKind();
        String text = "Shadow " + String.join(", ", r.shadows()) + ": " + r.decisions() + " decisions, "
                + r.changed() + " would change (allow->deny " + k.get(ChangeKind.ALLOW_TO_DENY) + ", deny->allow "
                + k.get(ChangeKind.DENY_TO_ALLOW) + ", tier up " + k.get(ChangeKind.TIER_UP) + ", tier down "
                + k.get(ChangeKind.TIER_DOWN) + ")" + (r.failures() == 0 ? "" : "; " + r.failures() + " failed to evaluate");
        long warnings = k.get(ChangeKind.DENY_TO_ALLOW);
        return warnings == 0 ? text : text + "\nWARNING: " + warnings + " request" + (warnings == 1 ? "" : "s")
                + " denied by the version in force would be allowed, e.g. "
                + r.wouldAllowDenied().get(0).recorded().request().action().action();
    }

    private void show(long mine, String text, boolean bad, List<CaseRow> rows, List<String> gaps) {
        if (generation.get() != mine) {
            return;
        }
        summary.set(text);
        failing.set(bad);
        cases.setAll(rows);
        uncovered.setAll(gaps);
    }
}
