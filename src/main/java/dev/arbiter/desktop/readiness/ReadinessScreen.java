package dev.arbiter.desktop.readiness;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/** The readiness decision matrix in the main window's navigation. */
public final class ReadinessScreen {

    private ReadinessScreen() {
    }

    /** The screen: the matrix is built on first visit and its data reloaded on every visit. */
    public static Screen create(DesktopContext context) {
        ReadinessViewModel viewModel = new ReadinessViewModel(context);
        return new LazyScreen("Readiness", Material2OutlinedAL.ASSESSMENT, () -> new ReadinessView(viewModel).root(),
                viewModel::refresh);
    }
}
