package dev.arbiter.desktop.shell;

import dev.arbiter.desktop.common.EmptyState;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** An honest placeholder for a screen that is not built yet: what it will do, and what works today. */
public record ComingScreen(String title, Ikon icon, String promise) implements Screen {

    @Override
    public Node view() {
        return new EmptyState(icon, title + " — coming", promise);
    }
}
