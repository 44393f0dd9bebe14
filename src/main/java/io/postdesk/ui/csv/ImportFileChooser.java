package io.postdesk.ui.csv;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks which file to import. The window uses the platform's open dialog; the composition root can
 * hand in another (the TestFX tests give a file, since a native dialog cannot be driven headless).
 */
@FunctionalInterface
public interface ImportFileChooser {
    /** The platform's open dialog, offering CSV, text and tab-separated files. */
    ImportFileChooser PLATFORM = (owner, title) -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt", "*.tsv"));
        File file = chooser.showOpenDialog(owner);
        return file == null ? null : file.toPath();
    };

    /** The chosen file, or null when the user cancelled. Called on the FX thread. */
    Path choose(Window owner, String title);
}
