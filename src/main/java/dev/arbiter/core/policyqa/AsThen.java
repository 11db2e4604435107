package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.CountersSeen;

/**
 * Which of a recorded decision's counters ({@link CountersSeen}) a replayed decision is judged
 * against instead of the model's own. The day's spend does not depend on any answer, so it is
 * always taken; the rate windows and time-boxed autonomy only while the replayed answers have
 * counted the same as the recorded ones ({@link Replay} says when).
 *
 * @param seen     the record; null for an entry written before it existed (the model decides alone)
 * @param rates    take the recorded window counts
 * @param autonomy take the recorded autonomy window, and the record's own word on whether the agent was paused
 */
record AsThen(CountersSeen seen, boolean rates, boolean autonomy) {

    static final AsThen NONE = new AsThen(null, false, false);

    Integer actionsInMinute() {
        return seen != null && rates ? seen.actionsInMinute() : null;
    }

    Integer escalationsInHour() {
        return seen != null && rates ? seen.escalationsInHour() : null;
    }

    Long autonomousActions() {
        return seen != null && autonomy ? seen.autonomousActions() : null;
    }

    @Override
    public boolean autonomy() {
        return seen != null && autonomy;
    }
}
