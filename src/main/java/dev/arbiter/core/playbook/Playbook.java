package dev.arbiter.core.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An incident playbook (the guide: "dedicated AI incident playbooks"): when it applies, who takes part,
 * the steps in order, each with its role, its target time and, where there is one, the Arbiter action
 * that does it, and the scenario's timed injects a tabletop exercise plays out.
 *
 * @param id      file-name-like key, e.g. {@code runaway-cost-loop}
 * @param injects the exercise scenario's events, in the order they fall due (may be empty)
 * @param source  where it was read from (a file name), for messages
 */
public record Playbook(String id, String name, String trigger, List<String> roles, List<Step> steps,
                       List<Inject> injects, String source) {

    /**
     * One step: what to do, who does it, the Arbiter action if any, and the target time.
     *
     * @param within how long after the incident is noticed (an exercise's start) the step should be done;
     *               empty when the playbook sets no target
     */
    public record Step(String text, String role, Optional<PlaybookAction> action, Optional<Duration> within) {

        public Step(String text, String role, Optional<PlaybookAction> action) {
            this(text, role, action, Optional.empty());
        }
    }

    /**
     * A scenario event a tabletop exercise reveals to the participants when it falls due.
     *
     * @param at    offset from the exercise's start, 0 to {@link PlaybookCodec#MAX_OFFSET}
     * @param event what the participants learn, e.g. "The budget alert fires for billing-bot"
     */
    public record Inject(Duration at, String event) {
    }

    public Playbook {
        roles = List.copyOf(roles);
        steps = List.copyOf(steps);
        injects = injects.stream().sorted(java.util.Comparator.comparing(Inject::at)).toList();
    }

    public Playbook(String id, String name, String trigger, List<String> roles, List<Step> steps, String source) {
        this(id, name, trigger, roles, steps, List.of(), source);
    }
}
