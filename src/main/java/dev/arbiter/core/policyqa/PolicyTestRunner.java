package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a policy test suite against a policy with the gateway's decision rules
 * ({@link DecisionModel}: the gateway's evaluator and validator, the engine's
 * counters in memory). Each case starts afresh: empty counters, the test clock
 * at the suite's start. Pure and quick (no store, no I/O): the desktop reruns a
 * suite on every edit.
 */
public final class PolicyTestRunner {

    private PolicyTestRunner() {
    }

    /**
     * Runs every case of {@code suite} against {@code policy}; {@code policyText} (may be null) gives
     * the coverage report line numbers; {@code name} names the suite in reports.
     */
    public static SuiteResult run(String name, AgentPolicy policy, String policyText, PolicyTestSuite suite) {
        CoverageTracker coverage = new CoverageTracker(policy);
        DailyBudget budget = policy.budget() == null ? DailyBudget.NONE : policy.budget();
        List<CaseResult> results = new ArrayList<>(suite.cases().size());
        for (PolicyTestCase c : suite.cases()) {
            long started = System.nanoTime();
            DecisionModel model = new DecisionModel();
            Instant now = suite.start();
            for (TestStep step : c.given()) {
                if (step instanceof TestStep.Wait wait) {
                    now = now.plus(wait.duration());
                } else if (step instanceof TestStep.Send send) {
                    for (int i = 0; i < send.repeat(); i++) {
                        ModelDecision d = decide(model, policy, budget, send.request(), now, c.killSwitch());
                        coverage.saw(send.request().action(), d);
                        now = now.plus(send.every());
                    }
                }
            }
            ModelDecision actual = decide(model, policy, budget, c.request(), now, c.killSwitch());
            coverage.saw(c.request().action(), actual);
            results.add(new CaseResult(c, actual, c.expect().mismatches(actual), System.nanoTime() - started));
        }
        return new SuiteResult(name, policy.name(), results, coverage.coverage(policyText));
    }

    private static ModelDecision decide(DecisionModel model, AgentPolicy policy, DailyBudget budget,
                                        ModelRequest request, Instant now, boolean killSwitch) {
        return killSwitch ? model.killSwitch(policy, request, now) : model.decide(policy, budget, request, now);
    }
}
