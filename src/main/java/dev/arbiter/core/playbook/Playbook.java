package dev.arbiter.core.playbook;

import java.util.List;
import java.util.Optional;

/**
 * An incident playbook (the guide: "dedicated AI incident playbooks"): when it applies, who takes part,
 * and the steps in order, each with its role and, where there is one, the Arbiter action that does it.
 *
 * @param id      file-name-like key, e.g. {@code runaway-cost-loop}
 * @param source  where it was read from (a file name), for messages
 */
public record Playbook(String id, String name, String trigger, List<String> roles, List<Step> steps, String source) {

    /** One step: what to do, who does it, and the Arbiter action if any. */
    public record Step(String text, String role, Optional<PlaybookAction> action) {
    }

    public Playbook {
        roles = List.copyOf(roles);
        steps = List.copyOf(steps);
    }
}
