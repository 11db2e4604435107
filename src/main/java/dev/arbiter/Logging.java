package dev.arbiter;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.OwnerOnly;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to {@code <data dir>/logs/arbiter.log} once a face knows its data directory.
 * The folders and the log file are created owner-only (700 / 600) before logback opens the
 * file, because it keeps the permissions of a file it appends to; files logback creates when
 * it rolls over are tightened by {@link DataDirectory#secure()} on the next open.
 */
public final class Logging {

    private Logging() {
    }

    public static void configure(DataDirectory directory) {
        String dir = directory.logs().toString();
        if (dir.equals(System.getProperty("arbiter.log.dir"))) {
            return;
        }
        System.setProperty("arbiter.log.dir", dir);
        createOwnerOnly(directory);
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

    private static void createOwnerOnly(DataDirectory directory) {
        try {
            OwnerOnly.createDirectories(directory.root());
            OwnerOnly.createDirectories(directory.logs());
            OwnerOnly.createFile(directory.logs().resolve("arbiter.log"));
        } catch (IOException e) {
            System.err.println("arbiter: the log folder " + directory.logs() + " could not be created: "
                    + e.getMessage());
        }
    }
}
