package dev.arbiter.core.decision;

import java.sql.SQLException;

/**
 * The rest of a shadow version's judgement, finished inside the ledger writer's transaction over
 * the decision's own {@link CounterView} (see {@link ShadowJudge}). Reads only.
 */
interface ShadowCheck {

    /** The shadow's answer over the decision's view (the windows before this request's own events). */
    ShadowAnswer answer(CounterView view) throws SQLException;

    /** The counters the shadow version reads, which the real decision keeps for it. */
    ShadowNeeds needs();

    /** The answer that records that this shadow could not be evaluated, and why. */
    ShadowAnswer failure(String why);

    /** A check whose answer is known before any counter is read. */
    static ShadowCheck fixed(ShadowAnswer answer, ShadowNeeds needs) {
        return new ShadowCheck() {
            @Override
            public ShadowAnswer answer(CounterView view) {
                return answer;
            }

            @Override
            public ShadowNeeds needs() {
                return needs;
            }

            @Override
            public ShadowAnswer failure(String why) {
                return ShadowAnswer.failed(answer.policy(), answer.version(), why);
            }
        };
    }
}
