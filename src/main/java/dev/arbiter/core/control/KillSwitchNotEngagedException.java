package dev.arbiter.core.control;

import java.util.List;

/**
 * A release of a switch that is not engaged: nothing was written. The message
 * names the switches that are engaged, so the operator sees what still stops
 * agents (an agent-level release does not lift the global switch, and a
 * global release does not lift an agent's own).
 */
public final class KillSwitchNotEngagedException extends RuntimeException {

    /**
     * @param scope   the switch asked to be released ({@link KillSwitchState#GLOBAL} or an agent id)
     * @param engaged the scopes engaged right now
     */
    public KillSwitchNotEngagedException(String scope, List<String> engaged) {
        super(message(scope, engaged));
    }

    private static String message(String scope, List<String> engaged) {
        String what = KillSwitchState.GLOBAL.equals(scope) ? "for all agents" : "for " + scope;
        StringBuilder text = new StringBuilder("the kill switch is not engaged " + what + "; nothing was released");
        if (engaged.contains(KillSwitchState.GLOBAL)) {
            text.append(" (the switch for all agents is engaged: release it with arbiter resume --reason R)");
        } else if (!engaged.isEmpty()) {
            text.append(" (engaged for: ").append(String.join(", ", engaged))
                    .append("; release one with --agent ID)");
        }
        return text.toString();
    }
}
