package io.postdesk.ui.csv;

import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.service.ErrorMessages;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.ProgressWindow;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.ViewLoader;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Export from a view: the dialog, then the export on the background executor with progress
 * and Cancel. The service writes a temporary file and moves it into place only when complete.
 */
public final class ExportActions {
    private final Tasks tasks;
    private final Dialogs dialogs;

    public ExportActions(Tasks tasks, Dialogs dialogs) {
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    public void posts(Window owner, Workspace workspace, PostFilter filter, PostSort sort) {
        open(owner, "posts", headers(ExportColumn.Post.values()), request -> run(owner, "posts", request,
                (progress) -> workspace.export().posts(request.target(), request.wholeTable() ? PostFilter.NONE : filter,
                        request.wholeTable() ? PostSort.NEWEST_FIRST : sort,
                        request.columns().stream().map(h -> ExportColumn.parse(ExportColumn.Post.class, h)).toList(),
                        request.options(), progress.listener(), progress.cancellation())));
    }

    public void users(Window owner, Workspace workspace, UserFilter filter, UserSort sort) {
        open(owner, "users", headers(ExportColumn.User.values()), request -> run(owner, "users", request,
                (progress) -> workspace.export().users(request.target(), request.wholeTable() ? UserFilter.NONE : filter,
                        request.wholeTable() ? UserSort.NEWEST_FIRST : sort,
                        request.columns().stream().map(h -> ExportColumn.parse(ExportColumn.User.class, h)).toList(),
                        request.options(), progress.listener(), progress.cancellation())));
    }

    private static List<String> headers(ExportColumn[] columns) {
        return Arrays.stream(columns).map(ExportColumn::header).toList();
    }

    private void open(Window owner, String noun, List<String> columns, java.util.function.Consumer<ExportRequest> start) {
        ExportDialogController controller = new ExportDialogController(noun, columns, start);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export " + noun + " — PostDesk");
        Scene scene = new Scene(ViewLoader.load("export-dialog.fxml", controller));
        scene.getStylesheets().add(java.util.Objects.requireNonNull(
                ExportActions.class.getResource("/styles/postdesk.css")).toExternalForm());
        stage.setScene(scene);
        controller.stage = stage;
        stage.show();
    }

    private void run(Window owner, String noun, ExportRequest request, Function<ProgressWindow, Long> export) {
        ProgressWindow progress = new ProgressWindow(owner, "Exporting " + noun, "rows");
        progress.show();
        tasks.run("Exporting " + noun, () -> export.apply(progress))
                .showWaitsIn(progress)
                .onSuccess(rows -> dialogs.info("Exported " + NumberFormat.getIntegerInstance().format(rows) + " "
                        + noun + " to " + request.target() + "."))
                .onFailure(error -> {
                    if (!progress.cancellation().isCancelled()) {
                        dialogs.warn("The export failed; no file was written and an existing file is unchanged. "
                                + ErrorMessages.describe(error));
                    }
                })
                .andFinally(progress::close)
                .start();
    }
}
