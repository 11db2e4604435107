package dev.arbiter.core;

import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;

/** Opens real workspaces in a JUnit temp directory. */
public final class TestWorkspaces {

    private TestWorkspaces() {
    }

    public static Workspace open(Path dir) {
        return Workspace.open(new DataDirectory(dir));
    }
}
