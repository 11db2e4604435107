package dev.arbiter.desktop.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the main window's navigation. The shell calls {@link #view()}
 * once and {@link #shown()} every time the user navigates to it.
 */
public interface Screen {

    String title();

    Ikon icon();

    Node view();

    /** Called when the screen becomes visible: refresh data here (off the FX thread). */
    default void shown() {
    }

    /** A count shown beside the title in the navigation while above zero (open alerts), or null for none. */
    default javafx.beans.value.ObservableValue<Number> badge() {
        return null;
    }
}
