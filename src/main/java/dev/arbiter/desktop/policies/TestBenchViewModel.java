package dev.arbiter.desktop.policies;

import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.Evaluation;
import dev.arbiter.core.decision.PolicyEvaluator;
import dev.arbiter.core.decision.RequestProblem;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DataClass;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The policy test bench: an action request typed in by hand, evaluated against
 * the policy being edited (its last valid text), so an author sees what the
 * gateway would decide before saving. The request is checked by the gateway's
 * own {@link RequestValidator}, so what the gateway refuses the bench refuses.
 * Evaluation is pure and takes about a microsecond, so it runs right here
 * rather than on the background runner.
 */
public final class TestBenchViewModel {

    public enum Reversible {
        UNKNOWN("Unknown"), YES("Yes"), NO("No");

        private final String label;

        Reversible(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The bench's field labels for the API field names {@link RequestValidator} reports. */
    private static final Map<String, String> LABELS = Map.of("action", "Action", "confidence", "Confidence",
            "target", "Target", "context.amount_usd", "Amount");

    private final ReadOnlyObjectProperty<AgentPolicy> policy;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    private final StringProperty action = new SimpleStringProperty("create:support_ticket");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty confidence = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<Reversible> reversible = new SimpleObjectProperty<>(Reversible.UNKNOWN);
    private final Map<DataClass, BooleanProperty> dataClasses = new EnumMap<>(DataClass.class);

    private final ObjectProperty<Evaluation> result = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    TestBenchViewModel(ReadOnlyObjectProperty<AgentPolicy> policy) {
        this.policy = policy;
        for (DataClass c : DataClass.values()) {
            dataClasses.put(c, new SimpleBooleanProperty(false));
        }
        policy.addListener((o, a, b) -> {
            if (result.get() != null && b != null) {
                evaluate();
            }
        });
    }

    public StringProperty actionProperty() { return action; }
    public StringProperty amountProperty() { return amount; }
    public StringProperty confidenceProperty() { return confidence; }
    public StringProperty targetProperty() { return target; }
    public ObjectProperty<Reversible> reversibleProperty() { return reversible; }
    public BooleanProperty dataClassProperty(DataClass c) { return dataClasses.get(c); }
    /** The last evaluation; null before the first or after an input error. */
    public ObjectProperty<Evaluation> resultProperty() { return result; }
    public StringProperty errorProperty() { return error; }

    /** Evaluates the request against the editor's policy; input problems go to {@link #errorProperty()}. */
    public void evaluate() {
        AgentPolicy p = policy.get();
        if (p == null) {
            fail("Fix the policy's problems first: the test bench runs the policy in the editor.");
            return;
        }
        // the action and target go to the check as typed: the gateway does not trim them either
        String verbResource = action.get() == null ? "" : action.get();
        Double usd;
        Double conf;
        try {
            usd = amount.get().isBlank() ? null : Double.valueOf(amount.get().strip().replace("$", "").replace(",", ""));
        } catch (NumberFormatException e) {
            fail("Amount must be a number of US dollars, e.g. 80 or 1450.");
            return;
        }
        try {
            conf = confidence.get().isBlank() ? null : Double.valueOf(confidence.get().strip());
        } catch (NumberFormatException e) {
            fail("Confidence must be a number from 0 to 1, e.g. 0.94.");
            return;
        }
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        dataClasses.forEach((c, b) -> {
            if (b.get()) {
                classes.add(c);
            }
        });
        Boolean rev = switch (reversible.get()) {
            case YES -> Boolean.TRUE;
            case NO -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
        String host = target.get() == null || target.get().isBlank() ? null : target.get();
        ActionRequest request = new ActionRequest(verbResource, usd, classes, conf, host, rev);
        Optional<RequestProblem> problem = RequestValidator.problemWith(request);
        if (problem.isPresent()) {
            fail(LABELS.getOrDefault(problem.get().field(), problem.get().field()) + ": " + problem.get().message()
                    + " (the gateway would answer 400)");
            return;
        }
        error.set("");
        result.set(evaluator.evaluate(p, request));
    }

    private void fail(String message) {
        result.set(null);
        error.set(message);
    }
}
