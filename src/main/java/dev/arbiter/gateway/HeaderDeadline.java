package dev.arbiter.gateway;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that trickle a request's headers (slowloris): the idle
 * timeout alone does not, since every byte resets it. Every {@code period} a
 * connection is looked at; one that is not answering a request, has received
 * bytes, and has completed no new request since the previous look is marked,
 * and closed if the same still holds at the next look. So headers must be
 * complete within one to two periods of their first byte; a connection that
 * sends nothing is left to the idle timeout, and one whose request is being
 * answered (a long poll) is left alone.
 *
 * <p>Costs no thread per connection: one scheduled task per look.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long periodMillis;

    /** @param periodMillis time between looks, > 0; headers get between one and two of them */
    HeaderDeadline(Scheduler scheduler, long periodMillis) {
        this.scheduler = scheduler;
        this.periodMillis = periodMillis;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection.getMessagesIn() >= 0) { // an HTTP connection (not the TLS layer under it)
            new Watch(connection).arm();
        }
    }

    /** The looks at one connection. */
    private final class Watch implements Runnable {
        private final Connection connection;
        private long messagesIn;
        private long bytesIn;
        private boolean marked;

        Watch(Connection connection) {
            this.connection = connection;
        }

        void arm() {
            scheduler.schedule(this, periodMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long in = connection.getMessagesIn();
            long bytes = connection.getBytesIn();
            boolean answering = in > connection.getMessagesOut();
            boolean trickling = !answering && in == messagesIn && bytes > bytesIn;
            if (trickling && marked) {
                connection.getEndPoint().close();
                return;
            }
            marked = trickling;
            if (!trickling) {
                messagesIn = in;
                bytesIn = bytes;
            }
            arm();
        }
    }
}
