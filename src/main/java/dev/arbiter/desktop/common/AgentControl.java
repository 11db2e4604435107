package dev.arbiter.desktop.common;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.desktop.DesktopContext;
import java.util.function.Consumer;

/**
 * Stopping and restarting one agent, the same from every screen that offers it
 * (the escalation queue, the agents list): pause / resume in the registry, and
 * the agent's own kill switch. Core calls (and reading who acts) run off the FX
 * thread; the callbacks run on it. The texts say what will happen, with the queue's real numbers.
 */
public final class AgentControl {

    private final DesktopContext context;

    public AgentControl(DesktopContext context) {
        this.context = context;
    }

    /** True when the agent's own switch (not the global one) is engaged. */
    public boolean isKilled(String agentId) {
        return context.workspace().killSwitch().forAgent(agentId).map(KillSwitchState::engaged).orElse(false);
    }

    public String pauseConsequence(String agentId) {
        return "Every new request of " + agentId + " will be denied with AGENT_PAUSED until someone resumes it. "
                + "Actions already waiting for approval stay in the queue. Why pause it?";
    }

    /**
     * Resuming an agent paused for its time-boxed autonomy is the review it
     * waits for: the text says so, and core records it as one.
     */
    public String resumeConsequence(Agent agent) {
        if (agent.isPausedForOversight()) {
            return agent.id() + " was paused because " + agent.statusReason() + ". Resuming it is a review: "
                    + "it is recorded in the audit ledger as yours, and its autonomy counts from zero again. "
                    + "Look at its recent actions first. What did you review?";
        }
        return agent.id() + " may act again under its policy. Why resume it?";
    }

    /** "4 pending actions of refunds-agent will be denied at once. ..." */
    public String killConsequence(String agentId) {
        return context.workspace().queue().killSwitchImpact(agentId).describe();
    }

    public String releaseConsequence(String agentId) {
        return agentId + " will be able to act again under its policy (unless it is paused, or the global "
                + "kill switch is engaged). Why release it?";
    }

    public void pause(String agentId, String reason, Consumer<Agent> done, Consumer<Throwable> failed) {
        context.background().run(() -> context.workspace().agents().pause(agentId, reason, context.actor()), done,
                failed);
    }

    public void resume(String agentId, String reason, Consumer<Agent> done, Consumer<Throwable> failed) {
        context.background().run(() -> context.workspace().agents().resume(agentId, reason, context.actor()), done,
                failed);
    }

    /** Engages the agent's own kill switch: its pending approvals are denied at once. */
    public void kill(String agentId, String reason, Consumer<KillSwitchState> done, Consumer<Throwable> failed) {
        context.background().run(() -> context.workspace().killSwitch().engage(agentId, reason, context.actor()),
                done, failed);
    }

    public void release(String agentId, String reason, Consumer<KillSwitchState> done, Consumer<Throwable> failed) {
        context.background().run(() -> context.workspace().killSwitch().release(agentId, reason, context.actor()),
                done, failed);
    }
}
