package dev.arbiter.desktop.common;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** A screen whose view is built on first visit; {@code onShown} refreshes its data on every visit. */
public final class LazyScreen implements Screen {

    private final String title;
    private final Ikon icon;
    private final Supplier<? extends Node> viewFactory;
    private final Runnable onShown;
    private Node view;

    public LazyScreen(String title, Ikon icon, Supplier<? extends Node> viewFactory, Runnable onShown) {
        this.title = title;
        this.icon = icon;
        this.viewFactory = viewFactory;
        this.onShown = onShown;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Ikon icon() {
        return icon;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = viewFactory.get();
        }
        return view;
    }

    @Override
    public void shown() {
        onShown.run();
    }
}
