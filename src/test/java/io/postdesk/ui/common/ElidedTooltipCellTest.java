package io.postdesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A cut text gets its full text as a tooltip; a text that fits gets none (and no tooltip is made for it). */
class ElidedTooltipCellTest {
    private static final String LONG = "What nobody tells you about indexes, caching, and the migrations of a blog";
    private final FxRobot robot = new FxRobot();

    @Test
    void onlyACutTextHasATooltip() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        TableView<String>[] table = new TableView[1];
        robot.interact(() -> {
            table[0] = new TableView<>();
            TableColumn<String, String> title = new TableColumn<>("Title");
            title.setPrefWidth(120);
            Cells.text(title, row -> row);
            table[0].getColumns().add(title);
            table[0].getItems().setAll(List.of(LONG, "Short"));
            stage.setScene(new Scene(table[0], 300, 200));
            stage.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(table[0], LONG) != null && cell(table[0], "Short") != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cell(table[0], LONG).getTooltip()).isNotNull();
        assertThat(cell(table[0], LONG).getTooltip().getText()).isEqualTo(LONG);
        assertThat(cell(table[0], "Short").getTooltip()).isNull();
    }

    private static TableCell<?, ?> cell(TableView<String> table, String text) {
        return table.lookupAll(".table-cell").stream()
                .filter(node -> node instanceof TableCell<?, ?> cell && text.equals(cell.getItem()))
                .map(node -> (TableCell<?, ?>) node).findFirst().orElse(null);
    }
}
