package dev.arbiter.core.metrics;

/**
 * The guide's "incident count" for a month, from the incident register (issue 16; every incident counts,
 * whether opened from an alert, the audit log or by hand): incidents opened in the month, and incidents not
 * yet closed when the figures were read (at any opening date).
 */
public record IncidentFigures(long opened, long notClosed) {
}
