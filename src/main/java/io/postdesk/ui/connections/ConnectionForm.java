package io.postdesk.ui.connections;

import io.postdesk.config.ConfigurationException;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.DatabaseUrlParser;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.SslMode;
import java.io.File;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/**
 * The fields of one saved connection in the connection dialog (connection-form.fxml, included by
 * connections.fxml): fill them from a saved connection or a pasted URL, read them back as a checked
 * {@link SavedConnection}. The list, saving, the keychain and the network stay with
 * {@link ConnectionsController}; this class touches no store and runs no task.
 */
public final class ConnectionForm {
    /** Where a problem with the fields is shown (the dialog's message line). */
    private Consumer<String> problems = message -> { };

    @FXML
    private TextField urlField;
    @FXML
    private Button fillButton;
    @FXML
    private TextField nameField;
    @FXML
    private TextField hostField;
    @FXML
    private TextField portField;
    @FXML
    private TextField databaseField;
    @FXML
    private TextField userField;
    @FXML
    private PasswordField passwordField;
    @FXML
    private CheckBox rememberBox;
    @FXML
    private ChoiceBox<SslMode> sslBox;
    @FXML
    private TextField certificateField;
    @FXML
    private Button certificateButton;
    @FXML
    private Spinner<Integer> poolSpinner;
    @FXML
    private CheckBox readOnlyBox;

    @FXML
    private void initialize() {
        sslBox.getItems().setAll(SslMode.values());
        poolSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                SavedConnection.MAX_POOL_SIZE, SavedConnection.DEFAULT_POOL_SIZE));
    }

    /** The fields can be changed only while {@code editing}; the password field always (Test, Connect). */
    void lockUnless(ObservableBooleanValue editing, Consumer<String> problems) {
        this.problems = problems;
        for (Node field : new Node[] {urlField, fillButton, nameField, hostField, portField, databaseField,
                userField, sslBox, certificateField, certificateButton, poolSpinner, readOnlyBox, rememberBox}) {
            field.disableProperty().bind(Bindings.not(editing));
        }
    }

    void fill(SavedConnection c) {
        nameField.setText(c.name());
        hostField.setText(c.host());
        portField.setText(Integer.toString(c.port()));
        databaseField.setText(c.database());
        userField.setText(c.user());
        sslBox.setValue(c.sslMode());
        certificateField.setText(c.rootCertificate());
        readOnlyBox.setSelected(c.readOnly());
        poolSpinner.getValueFactory().setValue(c.poolSize());
    }

    /** @throws ConfigurationException naming the field to fix */
    SavedConnection read() {
        int port;
        try {
            port = Integer.parseInt(portField.getText().strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("The port must be a number.");
        }
        SavedConnection connection = new SavedConnection(nameField.getText(), hostField.getText(), port,
                databaseField.getText(), userField.getText(), sslBox.getValue(), certificateField.getText(),
                readOnlyBox.isSelected(), poolSpinner.getValue());
        String problem = connection.problem();
        if (!problem.isEmpty()) {
            throw new ConfigurationException(problem);
        }
        return connection;
    }

    /** Clears what may hold a password (the pasted URL, the password field) when another row is shown. */
    void clearSecrets() {
        passwordField.clear();
        urlField.clear();
    }

    String password() {
        return passwordField.getText();
    }

    void setPassword(String password) {
        passwordField.setText(password);
    }

    void setPasswordPrompt(String prompt) {
        passwordField.setPromptText(prompt);
    }

    boolean rememberPassword() {
        return rememberBox.isSelected();
    }

    /** "Save in the keychain", or "Remember for this session" where there is no keychain. */
    void setRememberText(String text) {
        rememberBox.setText(text);
    }

    void focusName(boolean selectAll) {
        nameField.requestFocus();
        if (selectAll) {
            nameField.selectAll();
        }
    }

    /** A pasted URL fills the fields; its password goes to the password field, never to the file. */
    @FXML
    private void fillFromUrl() {
        String text = urlField.getText();
        urlField.clear(); // it may hold a password: not left on screen
        try {
            DatabaseUrl url = DatabaseUrlParser.parse(text, "the pasted URL");
            String name = nameField.getText().isBlank() ? url.host() + "/" + url.database() : nameField.getText();
            fill(SavedConnection.fromUrl(name, url));
            passwordField.setText(url.password());
            problems.accept("");
        } catch (ConfigurationException | IllegalArgumentException e) {
            problems.accept(e.getMessage());
        }
    }

    @FXML
    private void chooseCertificate() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Root certificate (CA) file");
        File file = chooser.showOpenDialog(certificateButton.getScene().getWindow());
        if (file != null) {
            certificateField.setText(file.getAbsolutePath());
        }
    }
}
