package dev.arbiter.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The pending queue items this process knows, by trace id, and what can be read from them without the store:
 * the reviewer's list, what the kill switch would deny, which gated items it covers. Thread-safe; the queue
 * decides when an item comes and goes.
 */
final class PendingItems {

    private final Map<String, QueueItem> items = new ConcurrentHashMap<>();

    /**
     * True for a pending gated item whose approval deadline has come: the deadline instant itself is too late
     * (the same rule for the sweeper, a reviewer's list and a late approval).
     */
    static boolean isPastDeadline(QueueItem item, Instant now) {
        return item.isPending() && item.isGated() && !now.isBefore(item.dueAt());
    }

    /** The item of {@code traceId}, or null when it is not pending here. */
    QueueItem get(String traceId) {
        return items.get(traceId);
    }

    boolean contains(String traceId) {
        return items.containsKey(traceId);
    }

    /** Takes {@code item} in unless its trace id is known; false when it was. */
    boolean addIfNew(QueueItem item) {
        return items.putIfAbsent(item.traceId(), item) == null;
    }

    /** Replaces the item of its trace id (re-read from the store). */
    void replace(QueueItem item) {
        items.put(item.traceId(), item);
    }

    /** Forgets the item of {@code traceId}; the item it was, or null. */
    QueueItem remove(String traceId) {
        return items.remove(traceId);
    }

    /** A live view of every pending item, in no order. */
    Collection<QueueItem> all() {
        return items.values();
    }

    /**
     * Every item a person may still decide: gated first (they block an agent), then oldest first. Gated items
     * past their approval deadline are left out even before their timeout is recorded.
     */
    List<QueueItem> open(Instant now) {
        List<QueueItem> open = new ArrayList<>(items.values());
        open.removeIf(i -> isPastDeadline(i, now));
        open.sort(Comparator.comparing((QueueItem i) -> !i.isGated()).thenComparing(QueueItem::createdAt)
                .thenComparing(QueueItem::traceId));
        return open;
    }

    /** The gated items of agents that {@code stopped} covers. */
    List<QueueItem> gatedOf(Predicate<String> stopped) {
        return items.values().stream().filter(i -> i.isGated() && stopped.test(i.agentId())).toList();
    }

    /** What engaging the kill switch for {@code agentIdOrNull} (null: all agents) would deny right now. */
    KillSwitchImpact killSwitchImpact(String agentIdOrNull) {
        int denied = 0;
        int supervised = 0;
        Set<String> agents = new HashSet<>();
        for (QueueItem item : items.values()) {
            if (agentIdOrNull != null && !agentIdOrNull.equals(item.agentId())) {
                continue;
            }
            if (item.isGated()) {
                denied++;
                agents.add(item.agentId());
            } else {
                supervised++;
            }
        }
        return new KillSwitchImpact(agentIdOrNull, denied, agents.size(), supervised);
    }
}
