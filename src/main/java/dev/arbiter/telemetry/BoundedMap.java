package dev.arbiter.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** A small thread-safe map that forgets its oldest entry beyond {@code capacity}, so memory stays bounded. */
final class BoundedMap<K, V> {

    private final Map<K, V> map;

    BoundedMap(int capacity) {
        this(capacity, (k, v) -> { });
    }

    /** @param forgotten told of each entry forgotten for room, under this map's lock (keep it short) */
    BoundedMap(int capacity, BiConsumer<K, V> forgotten) {
        this.map = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > capacity) {
                    forgotten.accept(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** Every value, removed. */
    synchronized List<V> removeAll() {
        List<V> all = new ArrayList<>(map.values());
        map.clear();
        return all;
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized V remove(K key) {
        return map.remove(key);
    }

    synchronized V get(K key) {
        return map.get(key);
    }
}
