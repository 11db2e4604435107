package dev.arbiter.desktop;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.common.FxThread;
import dev.arbiter.desktop.common.TaskRunner;
import dev.arbiter.desktop.common.UiThread;

/**
 * What every screen gets: the open workspace, the runner of its background work (the desktop's
 * {@link dev.arbiter.desktop.common.Background}) and the UI thread with its clock ({@link FxThread}).
 * ViewModel tests give a runner and a UI thread that work on the calling thread, so no toolkit is needed.
 */
public record DesktopContext(Workspace workspace, TaskRunner background, UiThread ui) {

    /** On the JavaFX thread and clock (the desktop, and the TestFX tests). */
    public DesktopContext(Workspace workspace, TaskRunner background) {
        this(workspace, background, FxThread.INSTANCE);
    }

    /** Who the current user's actions are recorded as. */
    public String actor() {
        return Actor.current(workspace.settings());
    }
}
