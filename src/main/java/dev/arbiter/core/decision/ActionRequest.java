package dev.arbiter.core.decision;

import dev.arbiter.core.policy.DataClass;
import java.util.Set;

/**
 * What the policy evaluator looks at in one request from an agent: the action
 * and the context the risk score reads. Optional parts are null (or empty)
 * when the agent did not say.
 *
 * @param action      {@code verb:resource} as sent, e.g. {@code issue:refund}; read by {@link
 *                    dev.arbiter.core.policy.ActionName} when evaluated
 * @param amountUsd   money the action moves, in US dollars; null when none
 * @param dataClasses kinds of data the action touches
 * @param confidence  the agent's own confidence in [0, 1]; null when not given
 * @param target      {@code host:port} the action will call; null when none
 * @param reversible  whether the action can be undone; null when unknown
 */
public record ActionRequest(String action, Double amountUsd, Set<DataClass> dataClasses, Double confidence,
                            String target, Boolean reversible) {

    public ActionRequest {
        if (action == null) {
            throw new IllegalArgumentException("an action request needs an action (verb:resource)");
        }
        // any other text is accepted here: RequestValidator says what is wrong with it, and the
        // evaluator refuses a name that is not canonical
        dataClasses = dataClasses == null || dataClasses.isEmpty() ? Set.of() : Set.copyOf(dataClasses);
    }

    /** A request with nothing but the action. */
    public static ActionRequest of(String action) {
        return new ActionRequest(action, null, Set.of(), null, null, null);
    }

    public ActionRequest withAmount(Double usd) {
        return new ActionRequest(action, usd, dataClasses, confidence, target, reversible);
    }

    public ActionRequest withDataClasses(Set<DataClass> classes) {
        return new ActionRequest(action, amountUsd, classes, confidence, target, reversible);
    }

    public ActionRequest withConfidence(Double value) {
        return new ActionRequest(action, amountUsd, dataClasses, value, target, reversible);
    }

    public ActionRequest withTarget(String hostPort) {
        return new ActionRequest(action, amountUsd, dataClasses, confidence, hostPort, reversible);
    }

    public ActionRequest withReversible(Boolean value) {
        return new ActionRequest(action, amountUsd, dataClasses, confidence, target, value);
    }
}
