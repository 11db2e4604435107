package dev.arbiter.core.incident;

import dev.arbiter.core.playbook.Playbook;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far the playbooks run for an incident have come, read from its timeline: a PLAYBOOK line names each
 * playbook started ("Playbook ID started (N steps): name"), a STEP line each step ticked
 * ("ID step K/N: text"). The timeline is the record, so nothing else has to be kept in step with it.
 */
public final class PlaybookProgress {

    private PlaybookProgress() {
    }

    /** The steps of {@code playbook} done for the incident, 1-based, in order. */
    public static List<Integer> stepsDone(Incident incident, Playbook playbook) {
        return new ArrayList<>(stepRecords(incident, playbook).keySet());
    }

    /**
     * When and by whom each done step of {@code playbook} was ticked for the incident: the timeline
     * event, by 1-based step number, in step order. Steps not done are absent.
     */
    public static SortedMap<Integer, TimelineEvent> stepRecords(Incident incident, Playbook playbook) {
        SortedMap<Integer, TimelineEvent> done = new TreeMap<>();
        for (int n = 1; n <= playbook.steps().size(); n++) {
            String prefix = stepPrefix(playbook, n);
            int step = n;
            incident.timeline().stream().filter(e -> e.kind() == TimelineKind.STEP && e.note().startsWith(prefix))
                    .findFirst().ifPresent(e -> done.put(step, e));
        }
        return done;
    }

    /** The ids of the playbooks started for the incident, in the order they were started. */
    public static List<String> playbooksStarted(Incident incident) {
        return incident.timeline().stream().filter(e -> e.kind() == TimelineKind.PLAYBOOK)
                .map(e -> e.note().substring("Playbook ".length()))
                .map(rest -> rest.substring(0, Math.max(0, rest.indexOf(" started"))))
                .filter(id -> !id.isEmpty()).distinct().toList();
    }

    /** True when {@code playbookId} was started for the incident. */
    static boolean isStarted(Incident incident, String playbookId) {
        return playbooksStarted(incident).contains(playbookId);
    }

    /** The start of the STEP line of {@code step} (1-based): "ID step K/N: ". */
    static String stepPrefix(Playbook playbook, int step) {
        return playbook.id() + " step " + step + "/" + playbook.steps().size() + ": ";
    }
}
