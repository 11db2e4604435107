package dev.arbiter;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.arbiter.core.store.DataDirectory;
import org.slf4j.LoggerFactory;

/** Sends the log to {@code <data dir>/logs/arbiter.log} once a face knows its data directory. */
public final class Logging {

    private Logging() {
    }

    public static void configure(DataDirectory directory) {
        String dir = directory.logs().toString();
        if (dir.equals(System.getProperty("arbiter.log.dir"))) {
            return;
        }
        System.setProperty("arbiter.log.dir", dir);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(Logging.class.getResource("/logback.xml"));
            } catch (JoranException e) {
                System.err.println("arbiter: logging could not be set up: " + e.getMessage());
            }
        }
    }
}
