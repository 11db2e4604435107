/**
 * Telemetry out: OpenTelemetry spans and metrics for each decision and approval
 * ({@link dev.arbiter.telemetry.OtelTelemetry}), and the continuous SIEM export of the ledger
 * ({@link dev.arbiter.telemetry.AuditTail}). Core knows only the
 * {@link dev.arbiter.core.decision.DecisionTelemetry} seam; the OpenTelemetry SDK stays here
 * (ArchitectureTest keeps it out of core).
 */
package dev.arbiter.telemetry;
