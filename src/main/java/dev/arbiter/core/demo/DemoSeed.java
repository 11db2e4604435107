package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;

/** One feature's part of the demo workspace (sample agents, a readiness score, ...). */
public interface DemoSeed {
    void seed(Workspace workspace);
}
