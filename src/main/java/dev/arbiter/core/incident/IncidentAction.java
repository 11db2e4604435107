package dev.arbiter.core.incident;

/**
 * An Arbiter action an incident responder can take from the incident; it runs through the normal
 * service (so it is audited as usual) and the incident's timeline links to that audit entry.
 */
public sealed interface IncidentAction {

    /** The reason every action carries into its own audit entry. */
    String reason();

    /** Engage the kill switch for one agent, or for every agent when {@code agentId} is null. */
    record KillSwitch(String agentId, String reason) implements IncidentAction {
    }

    /** Pause one agent until a person resumes it. */
    record PauseAgent(String agentId, String reason) implements IncidentAction {
    }
}
