package io.postdesk.ui.csv;

import io.postdesk.service.CsvImport;
import io.postdesk.service.ErrorMessages;
import io.postdesk.model.Printable;
import io.postdesk.service.ImportProblem;
import io.postdesk.service.ImportRejectedException;
import io.postdesk.service.ImportReports;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.ProgressWindow;
import io.postdesk.ui.common.Tasks;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * Import from a view: pick a file, the whole file is checked first, then imported in one
 * transaction, both with progress and Cancel (which rolls back). A bad file imports nothing and
 * every bad line is listed, selectable, so it can be copied into a spreadsheet or an email.
 */
public final class ImportActions {
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final ImportFileChooser files;

    public ImportActions(Tasks tasks, Dialogs dialogs, ImportFileChooser files) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.files = files;
    }

    /** Asks for the file, then imports it. */
    public void chooseAndImport(Window owner, Workspace workspace, CsvImport.Kind kind, Runnable afterImport) {
        Path file = files.choose(owner, "Import " + noun(kind));
        if (file != null) {
            importFile(owner, workspace, kind, file, afterImport);
        }
    }

    public void importFile(Window owner, Workspace workspace, CsvImport.Kind kind, Path file, Runnable afterImport) {
        ProgressWindow progress = new ProgressWindow(owner, "Importing " + file.getFileName(), noun(kind));
        progress.show();
        ImportReports reports = new ImportReports(progress.listener("rows checked"), progress.listener(),
                System::nanoTime);
        tasks.run("Importing " + file.getFileName(), () -> workspace.imports().importFile(kind, file, reports,
                        progress.cancellation()))
                .showWaitsIn(progress)
                .onSuccess(result -> {
                    afterImport.run();
                    String imported = "Imported " + NumberFormat.getIntegerInstance().format(result.rows()) + " "
                            + noun(kind) + " from " + Printable.escaped(file.getFileName().toString()) + ".";
                    if (result.warnings().isEmpty()) {
                        dialogs.info(imported);
                    } else { // weak password hashes: imported, but the admin should know which
                        dialogs.warn(imported + "\n" + result.warnings().stream().map(ImportProblem::toString)
                                .collect(Collectors.joining("\n")));
                    }
                })
                .onFailure(error -> {
                    if (error instanceof ImportRejectedException rejected) {
                        showBadLines(owner, rejected);
                    } else if (!progress.cancellation().isCancelled()) {
                        dialogs.warn(ErrorMessages.nothingDone("Nothing was imported.", error));
                    }
                })
                .andFinally(progress::close)
                .start();
    }

    private static void showBadLines(Window owner, ImportRejectedException rejected) {
        String lines = rejected.problems().stream().map(ImportProblem::toString).collect(Collectors.joining("\n"));
        if (rejected.notListed() > 0) {
            lines += "\n… and " + NumberFormat.getIntegerInstance().format(rejected.notListed()) + " more.";
        }
        TextArea list = new TextArea(lines);
        list.setEditable(false);
        list.setPrefRowCount(14);
        list.setPrefColumnCount(70);
        list.setId("badLines");
        Alert alert = Dialogs.alert(owner, Alert.AlertType.WARNING,
                rejected.getMessage() + " Correct these lines and import the file again.", list, ButtonType.OK);
        alert.getDialogPane().setId("badLinesDialog");
        alert.setResizable(true);
        alert.show();
    }

    private static String noun(CsvImport.Kind kind) {
        return kind == CsvImport.Kind.POSTS ? "posts" : "users";
    }
}
