package io.postdesk.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Loads FXML from {@code /fxml/} with one controller factory, so controllers get their
 * dependencies through their constructors (nested fx:include controllers too).
 */
public final class ViewLoader {
    private final Callback<Class<?>, Object> controllerFactory;

    public ViewLoader(Callback<Class<?>, Object> controllerFactory) {
        this.controllerFactory = controllerFactory;
    }

    /** Loads a view whose controller is already built (a form for one record). */
    public static Parent load(String fxmlName, Object controller) {
        return new ViewLoader(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalArgumentException(fxmlName + " wants a " + type.getName());
            }
            return controller;
        }).load(fxmlName);
    }

    public Parent load(String fxmlName) {
        URL location = Objects.requireNonNull(getClass().getResource("/fxml/" + fxmlName),
                () -> "missing /fxml/" + fxmlName);
        FXMLLoader loader = new FXMLLoader(location);
        loader.setControllerFactory(controllerFactory);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load /fxml/" + fxmlName, e);
        }
    }
}
