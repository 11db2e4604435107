package dev.arbiter.desktop;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.common.TaskRunner;

/**
 * What every screen gets: the open workspace and the runner of its background work (the desktop's
 * {@link dev.arbiter.desktop.common.Background}; ViewModel tests give one that runs on the calling thread).
 */
public record DesktopContext(Workspace workspace, TaskRunner background) {

    /** Who the current user's actions are recorded as. */
    public String actor() {
        return Actor.current(workspace.settings());
    }
}
