package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.ChecklistItem;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.Readiness;
import java.time.LocalDate;

/**
 * A year of readiness work at a fictional group: last quarter's assessment
 * (17/30, not ready), this quarter's (22/30, ready), next quarter's draft
 * copied from it, and a few roadmap steps being tracked.
 */
final class ReadinessDemoSeed implements DemoSeed {

    private static final String SUBJECT = "Northwind Financial Group";

    @Override
    public void seed(Workspace workspace) {
        Readiness readiness = workspace.readiness();
        LocalDate today = readiness.today();

        Assessment lastQuarter = readiness.start(SUBJECT, today.minusDays(98), "Zoë Ñúñez (CTO)", "demo");
        lastQuarter = score(lastQuarter,
                3, "Agents run in containers; API keys rotated by hand every quarter.",
                2, "Only the general acceptable-use policy mentions AI.",
                3, "Central logging in the SIEM; alerts for errors only.",
                2, "Escalation is ad hoc: whoever is on call decides.",
                4, "DPAs signed with both LLM providers; model versions pinned.",
                3, "General incident plan, with an AI annex drafted.");
        readiness.saveDraft(lastQuarter);
        readiness.complete(lastQuarter.id(), "demo");

        Assessment now = readiness.copy(lastQuarter.id(), today.minusDays(6), "山田 花子 (Head of Platform Risk)",
                "demo");
        now = score(now,
                4, "Scoped short-lived tokens for all agents; network segmentation still in progress.",
                3, "Agentic AI policy approved by the risk committee; audits are manual.",
                4, "Full audit trail for every agent action in Arbiter; anomaly detection not yet live.",
                4, "Three-tier escalation with 24 h SLA for supervised actions; kill switch drilled.",
                4, "DPAs and pinned versions; fallback to rule-based routing tested.",
                3, "AI incident annex adopted; no tabletop exercise yet.");
        readiness.saveDraft(now);
        readiness.complete(now.id(), "demo");

        ChecklistItem tabletop = readiness.track(now.id(), "roadmap.tabletop", "Zoë Ñúñez", "demo");
        readiness.track(now.id(), "roadmap.compliance-in-ci", "Priya Raman (Compliance)", "demo");
        readiness.track(now.id(), "compliance.action-matrix", "Priya Raman (Compliance)", "demo");
        ChecklistItem playbooks = readiness.track(now.id(), "incident.playbooks", "山田 花子", "demo");
        readiness.setDone(playbooks.id(), true, "demo");
        readiness.plan(tabletop.id(), tabletop.owner(), today.plusDays(14));

        Assessment next = readiness.copy(now.id(), today, "Zoë Ñúñez (CTO)", "demo");
        readiness.saveDraft(next
                .withScore(Dimension.OBSERVABILITY, 5)
                .withNotes(Dimension.OBSERVABILITY, "Anomaly detection live on all production agents since last month.")
                .withScore(Dimension.INCIDENT_RESPONSE, null)
                .withNotes(Dimension.INCIDENT_RESPONSE, "Tabletop exercise booked; score after it has run."));
    }

    private static Assessment score(Assessment a, Object... scoresAndNotes) {
        Dimension[] all = Dimension.values();
        for (int i = 0; i < all.length; i++) {
            a = a.withScore(all[i], (Integer) scoresAndNotes[2 * i]).withNotes(all[i], (String) scoresAndNotes[2 * i + 1]);
        }
        return a;
    }
}
