package io.postdesk.ui.csv;

import io.postdesk.model.CsvOptions;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.SafeChoice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The export dialog: rows, columns, delimiter, header, BOM, formula guard and the file. */
public final class ExportDialogController {
    private static final List<String> DELIMITERS = List.of("Comma ( , )", "Semicolon ( ; )", "Tab");

    private final String noun;
    private final List<String> columns;
    private final Consumer<ExportRequest> start;

    @FXML
    private Label heading;
    @FXML
    private RadioButton wholeRadio;
    @FXML
    private FlowPane columnsPane;
    @FXML
    private ComboBox<String> delimiterBox;
    @FXML
    private CheckBox headerBox;
    @FXML
    private CheckBox bomBox;
    @FXML
    private CheckBox guardBox;
    @FXML
    private TextField fileField;
    @FXML
    private Label message;
    @FXML
    private Button exportButton;
    Stage stage;

    /**
     * @param columns the column headers offered, all ticked at first
     * @param start   runs the export once the dialog is closed
     */
    public ExportDialogController(String noun, List<String> columns, Consumer<ExportRequest> start) {
        this.noun = noun;
        this.columns = columns;
        this.start = start;
    }

    @FXML
    private void initialize() {
        heading.setText("Export " + noun + " to CSV");
        for (String column : columns) {
            CheckBox box = new CheckBox(column);
            box.setMnemonicParsing(false); // "created_at" is a column name, not "created" with a mnemonic on "a"
            box.setSelected(true);
            box.setId("column-" + column);
            columnsPane.getChildren().add(box);
        }
        delimiterBox.getItems().setAll(DELIMITERS);
        delimiterBox.setValue(DELIMITERS.get(0));
        exportButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> fileField.getText().isBlank(), fileField.textProperty()));
    }

    @FXML
    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + noun);
        chooser.setInitialFileName(noun + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            fileField.setText(file.getAbsolutePath());
        }
    }

    @FXML
    private void export() {
        List<String> chosen = columnsPane.getChildren().stream().map(node -> (CheckBox) node)
                .filter(CheckBox::isSelected).map(CheckBox::getText).toList();
        if (chosen.isEmpty()) {
            message.setText("Choose at least one column.");
            return;
        }
        Path target = Path.of(fileField.getText().strip()).toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            message.setText(target.getParent() != null && Files.exists(target.getParent())
                    ? target.getParent() + " is a file, not a folder. Choose a folder."
                    : "The folder " + target.getParent() + " does not exist.");
            return;
        }
        if (Files.isDirectory(target)) {
            message.setText(target + " is a folder; give a file name.");
            return;
        }
        if (Files.exists(target) && !confirmReplace(target)) {
            return;
        }
        char delimiter = switch (DELIMITERS.indexOf(delimiterBox.getValue())) {
            case 1 -> ';';
            case 2 -> '\t';
            default -> ',';
        };
        stage.close();
        start.accept(new ExportRequest(target, wholeRadio.isSelected(), chosen,
                new CsvOptions(delimiter, headerBox.isSelected(), bomBox.isSelected(), guardBox.isSelected())));
    }

    /** The old file stays untouched until the new one is complete, but replacing it is still asked. */
    private boolean confirmReplace(Path target) {
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.OTHER);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = Dialogs.alert(stage, Alert.AlertType.CONFIRMATION,
                target.getFileName() + " exists. Replace it?",
                Dialogs.message("It is replaced only when the export is complete."), replace, cancel);
        alert.getDialogPane().setId("replaceFileDialog");
        SafeChoice.arrange(alert, cancel, replace); // Enter keeps the old file
        return alert.showAndWait().filter(replace::equals).isPresent();
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
