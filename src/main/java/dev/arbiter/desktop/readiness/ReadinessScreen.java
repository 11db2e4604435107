package dev.arbiter.desktop.readiness;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/** The readiness decision matrix in the main window's navigation. */
public final class ReadinessScreen implements Screen {

    private final ReadinessViewModel viewModel;
    private ReadinessView view;

    public ReadinessScreen(DesktopContext context) {
        this.viewModel = new ReadinessViewModel(context);
    }

    @Override
    public String title() {
        return "Readiness";
    }

    @Override
    public Ikon icon() {
        return Material2OutlinedAL.ASSESSMENT;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ReadinessView(viewModel);
        }
        return view.root();
    }

    @Override
    public void shown() {
        viewModel.refresh();
    }
}
