package dev.arbiter.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process publish/subscribe from core to the faces. Listeners run on the
 * publishing thread and must be quick: a desktop listener only queues the
 * event for its next UI tick. A failing listener is logged and does not stop
 * the others or the publisher.
 */
public final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private record Subscription<E extends ArbiterEvent>(Class<E> type, Consumer<? super E> listener) {
        void deliver(ArbiterEvent event) {
            if (type.isInstance(event)) {
                listener.accept(type.cast(event));
            }
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    /** Subscribes to events of {@code type}; returns a handle that unsubscribes. */
    public <E extends ArbiterEvent> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener) {
        Subscription<E> subscription = new Subscription<>(type, listener);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    public void publish(ArbiterEvent event) {
        for (Subscription<?> subscription : subscriptions) {
            try {
                subscription.deliver(event);
            } catch (RuntimeException e) {
                LOG.error("Listener for {} failed", event.getClass().getSimpleName(), e);
            }
        }
    }
}
