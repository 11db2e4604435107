package dev.arbiter.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe map that forgets its oldest entry beyond {@code capacity}, so memory stays bounded. */
final class BoundedMap<K, V> {

    private final Map<K, V> map;

    BoundedMap(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
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
