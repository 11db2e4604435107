package dev.arbiter.core.compliance;

import java.time.Instant;

/** The control (and its evidence) that meets a requirement for one agent, as a person recorded it. */
public record ControlRecord(String agentId, String requirementId, ControlStatus status, String control,
                            String evidence, String recordedBy, Instant recordedAt) {
}
