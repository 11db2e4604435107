package dev.arbiter.core.policy;

/** The policy an agent runs under right now: which version, and the compiled policy. */
public record PolicyInForce(String name, int version, AgentPolicy policy, boolean pinned) {

    /** {@code customer-support-agent v3}, as decisions cite it. */
    public String label() {
        return name + " v" + version;
    }
}
