package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.Position;
import java.util.List;

/**
 * One named case of a policy test file: fixture steps, then the request whose
 * decision is checked against the expectation.
 *
 * @param position   where the case starts in its file (for reports and the editor)
 * @param killSwitch true when the case runs with the kill switch engaged
 */
public record PolicyTestCase(String name, Position position, List<TestStep> given, ModelRequest request,
                             Expectation expect, boolean killSwitch) {

    public PolicyTestCase {
        given = List.copyOf(given);
    }
}
