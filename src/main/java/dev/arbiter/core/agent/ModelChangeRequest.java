package dev.arbiter.core.agent;

import java.time.Instant;

/**
 * A request to change one of an agent's models, with who asked, why, the evidence it was tested, and
 * each later step (who and when).
 *
 * @param decidedBy null until approved or rejected
 * @param appliedBy null until applied
 */
public record ModelChangeRequest(long id, String agentId, ModelRole role, String fromModel, String toModel,
                                 String reason, TestEvidence evidence, ModelChangeStatus status, String requestedBy,
                                 Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote,
                                 String appliedBy, Instant appliedAt) {

    /** The change in one line: "support-bot pinned model a → b". */
    public String summary() {
        return agentId + " " + role.label() + " " + (fromModel.isEmpty() ? "(none)" : fromModel) + " → " + toModel;
    }

    /** Approved by the person who asked for it: allowed (one-person teams), but shown as a finding. */
    public boolean selfApproved() {
        return decidedBy != null && decidedBy.equals(requestedBy)
                && (status == ModelChangeStatus.APPROVED || status == ModelChangeStatus.APPLIED);
    }
}
