package dev.arbiter.core.incident;

import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.IncidentOpener;
import java.util.List;
import org.apache.commons.lang3.StringUtils;

/**
 * Opens an incident from an alert (issue 16's "may open an incident from it"): titled after the alert's
 * rule and summary, for its agent, with the alert's evidence range pinned, and linked back to the alert.
 * Severity starts at HIGH: an alert a person chose to escalate; they may reclassify it on the incident.
 */
public final class AlertIncidents implements IncidentOpener {

    private final IncidentRegister register;

    public AlertIncidents(IncidentRegister register) {
        this.register = register;
    }

    /** @return the incident's reference, {@code INC-<id>} */
    @Override
    public String open(Alert alert, String actor) {
        String title = StringUtils.abbreviate("Alert " + alert.id() + ": " + alert.summary(), "…",
                NewIncident.MAX_TITLE);
        LedgerRange range = alert.firstSeq() >= 1 && alert.lastSeq() >= alert.firstSeq()
                ? new LedgerRange(alert.firstSeq(), alert.lastSeq()) : null;
        List<String> agents = alert.agentId() == null ? List.of() : List.of(alert.agentId());
        Incident incident = register.open(title, Severity.HIGH, agents, alert.id(), range, actor);
        return "INC-" + incident.id();
    }
}
