package dev.arbiter.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: a view that rebuilds its columns (Compliance, each time the regulations change) measured every
 * column it had ever had, because {@link Fit#wholeCells(TableView, TableColumn, java.util.function.Function)}
 * left its listeners on the table's items: they piled up over a long session. A column removed from its
 * table is no longer measured; the one in the table still is, also on a new item list.
 */
class FitRebuiltColumnsTest {

    private static final int REBUILDS = 40;

    @Test
    void onlyTheColumnsInTheTableFollowItsItems() throws Exception {
        FxToolkit.registerPrimaryStage(); // the toolkit as TestFX starts it, shared with the other TestFX tests
        List<Integer> calls = WaitForAsyncUtils.asyncFx(() -> {
            TableView<String> table = new TableView<>(FXCollections.observableArrayList("a", "bb"));
            List<AtomicInteger> measured = new ArrayList<>();
            for (int round = 0; round < REBUILDS; round++) {
                table.getColumns().clear();
                TableColumn<String, String> column = new TableColumn<>("Regulation " + round);
                table.getColumns().add(column);
                AtomicInteger count = new AtomicInteger();
                measured.add(count);
                Fit.wholeCells(table, column, item -> {
                    count.incrementAndGet();
                    return item;
                });
            }
            measured.forEach(c -> c.set(0));
            table.getItems().add("a longer value than any before");
            table.setItems(FXCollections.observableArrayList("x"));
            table.getItems().add("y");
            List<Integer> counts = new ArrayList<>(measured.stream().map(AtomicInteger::get).toList());
            counts.add(table.getColumns().get(0).getMinWidth() > 0 ? 1 : 0);
            return counts;
        }).get(60, TimeUnit.SECONDS);

        assertThat(calls.subList(0, REBUILDS - 1)).as("columns removed by a rebuild").containsOnly(0);
        assertThat(calls.get(REBUILDS - 1)).as("the column in the table follows old and new item lists")
                .isPositive();
        assertThat(calls.get(REBUILDS)).as("and is sized to its text").isEqualTo(1);
    }
}
