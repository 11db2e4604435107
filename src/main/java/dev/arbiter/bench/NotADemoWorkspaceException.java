package dev.arbiter.bench;

import java.nio.file.Path;

/**
 * The simulator was pointed at a workspace that is not a demo one: it would
 * register the demo agents there and send their traffic through the user's
 * gateway. Refused unless the user says so explicitly.
 */
public final class NotADemoWorkspaceException extends RuntimeException {

    public NotADemoWorkspaceException(Path dataDir) {
        super(dataDir + " is not a demo workspace, and the simulator would add the demo agents and their traffic "
                + "to it; run it on a demo one (arbiter demo --data-dir NEW_DIR, then arbiter serve and arbiter "
                + "simulate with the same --data-dir), or pass --allow-real-workspace if you mean it");
    }
}
