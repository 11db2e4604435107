package dev.arbiter.desktop.settings;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Navigation entry for Settings. */
public final class SettingsScreen implements Screen {

    private final SettingsViewModel model;
    private SettingsView view;

    public SettingsScreen(DesktopContext context) {
        this.model = new SettingsViewModel(context);
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Ikon icon() {
        return Material2MZ.SETTINGS;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new SettingsView(model);
        }
        return view;
    }

    @Override
    public void shown() {
        model.load();
    }
}
