package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.Risk;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the risk table; scores come from core's {@link Rating}. */
public final class RiskRow {

    private final boolean fromGuide;
    private final StringProperty category = new SimpleStringProperty("");
    private final ObjectProperty<Integer> likelihood = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> impact = new SimpleObjectProperty<>();
    private final StringProperty mitigation = new SimpleStringProperty("");
    private final StringProperty owner = new SimpleStringProperty("");
    private final ObjectProperty<Integer> residualLikelihood = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> residualImpact = new SimpleObjectProperty<>();
    private final ObjectBinding<Rating> inherent =
            Bindings.createObjectBinding(() -> Rating.ofNullable(likelihood.get(), impact.get()), likelihood, impact);
    private final ObjectBinding<Rating> residual = Bindings.createObjectBinding(
            () -> Rating.ofNullable(residualLikelihood.get(), residualImpact.get()), residualLikelihood,
            residualImpact);

    RiskRow(Risk risk) {
        this.fromGuide = risk.fromGuide();
        category.set(risk.category());
        likelihood.set(risk.likelihood());
        impact.set(risk.impact());
        mitigation.set(risk.mitigation());
        owner.set(risk.owner());
        residualLikelihood.set(risk.residualLikelihood());
        residualImpact.set(risk.residualImpact());
    }

    public boolean fromGuide() { return fromGuide; }
    public StringProperty categoryProperty() { return category; }
    public ObjectProperty<Integer> likelihoodProperty() { return likelihood; }
    public ObjectProperty<Integer> impactProperty() { return impact; }
    public StringProperty mitigationProperty() { return mitigation; }
    public StringProperty ownerProperty() { return owner; }
    public ObjectProperty<Integer> residualLikelihoodProperty() { return residualLikelihood; }
    public ObjectProperty<Integer> residualImpactProperty() { return residualImpact; }
    /** Null until likelihood and impact are both chosen. */
    public ObjectBinding<Rating> inherentProperty() { return inherent; }
    public ObjectBinding<Rating> residualProperty() { return residual; }

    /** Everything the user can edit, for change listeners. */
    Observable[] editables() {
        return new Observable[] {category, likelihood, impact, mitigation, owner, residualLikelihood, residualImpact};
    }

    Risk toRisk() {
        return new Risk(category.get(), fromGuide, likelihood.get(), impact.get(), mitigation.get(), owner.get(),
                residualLikelihood.get(), residualImpact.get());
    }
}
