package dev.arbiter.core.decision;

import java.sql.SQLException;
import java.util.Map;

/**
 * The rest of a shadow version's judgement, finished inside the ledger writer's transaction over
 * the decision's own {@link CounterView} (see {@link ShadowJudge}). Reads only.
 */
@FunctionalInterface
interface ShadowCheck {

    /** The {@code shadow} object of the decision's entry. */
    Map<String, Object> answer(CounterView view) throws SQLException;
}
