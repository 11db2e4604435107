package dev.arbiter.desktop;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.common.Background;

/** What every screen gets: the open workspace and the background runner. */
public record DesktopContext(Workspace workspace, Background background) {

    /** Who the current user's actions are recorded as. */
    public String actor() {
        return Actor.current(workspace.settings());
    }
}
