package dev.arbiter.core.agent;

import dev.arbiter.core.event.ArbiterEvent;

/** An agent was added, edited, paused, resumed or retired in this process. */
public record AgentChanged(String agentId, AgentStatus status) implements ArbiterEvent {
}
