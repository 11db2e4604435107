package dev.arbiter.core.compliance;

/**
 * One requirement for one agent: whether it applies and why, and what meets it.
 *
 * @param why       why it applies ("the agent touches PHI data"), or why not
 * @param evidence  the control and evidence that meet it (recorded, or from an automatic check); null for a gap
 * @param automatic true when an automatic check supplied the evidence
 * @param record    the person's record, when there is one
 */
public record RequirementCoverage(Requirement requirement, Coverage coverage, String why, String evidence,
                                  boolean automatic, ControlRecord record) {
}
