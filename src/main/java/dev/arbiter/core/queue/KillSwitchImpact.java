package dev.arbiter.core.queue;

/**
 * What engaging a kill switch would do to the queue right now, in numbers a
 * person confirms before pulling it: the actions waiting for approval that
 * would be denied at once, how many agents they belong to, and the supervised
 * actions that stay queued (they already ran; stopping the agent does not
 * remove the need to review them).
 *
 * @param agentId null for the global switch
 */
public record KillSwitchImpact(String agentId, int deniedActions, int agents, int supervisedLeft) {

    public boolean isGlobal() {
        return agentId == null;
    }

    /** "12 pending actions of 3 agents will be denied at once. ..." */
    public String describe() {
        String who = isGlobal() ? "Every agent's" : agentId + "'s";
        StringBuilder text = new StringBuilder();
        if (deniedActions == 0) {
            text.append(isGlobal() ? "No action is waiting for approval right now. "
                    : "No action of " + agentId + " is waiting for approval right now. ");
        } else if (isGlobal()) {
            text.append(count(deniedActions, "pending action")).append(" of ").append(count(agents, "agent"))
                    .append(" will be denied at once, and their agents' long polls answer deny. ");
        } else {
            text.append(count(deniedActions, "pending action")).append(" of ").append(agentId)
                    .append(" will be denied at once, and its long polls answer deny. ");
        }
        text.append(who).append(" new requests will be denied with KILL_SWITCH until someone releases the switch; "
                + "the state survives restarts.");
        if (supervisedLeft > 0) {
            text.append(' ').append(count(supervisedLeft, "supervised action")).append(supervisedLeft == 1
                    ? " that already ran stays" : " that already ran stay").append(" in the queue for review.");
        }
        return text.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
