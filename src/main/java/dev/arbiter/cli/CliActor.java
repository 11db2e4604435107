package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;

/** Who a change made from the command line is recorded as in the ledger: {@code cli:} and the person. */
final class CliActor {

    private CliActor() {
    }

    static String of(Workspace ws) {
        return "cli:" + Actor.current(ws.settings());
    }
}
