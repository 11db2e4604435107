package dev.arbiter.core.exercise;

import java.util.List;

/**
 * What a facilitator plans: the scenario (a title, e.g. "Refund loop on a Friday night"), who takes part
 * and who leads. The playbook is given beside it as YAML text.
 */
public record ExercisePlan(String scenario, List<String> participants, String facilitator) {

    public static final int MAX_SCENARIO = 200;
    public static final int MAX_NAME = 100;
    public static final int MAX_PARTICIPANTS = 50;

    public ExercisePlan {
        participants = List.copyOf(participants);
    }
}
