package io.postdesk.ui;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A view whose only command is Refresh (History, Diagnostics): New, Edit, Delete, Import and Export do
 * nothing there and are always disabled in the menu.
 */
public interface RefreshOnlyView extends ViewCommands {
    ObservableBooleanValue NOT_HERE = new ReadOnlyBooleanWrapper(true);

    @Override
    default void newRecord() {
    }

    @Override
    default void editSelected() {
    }

    @Override
    default void deleteSelected() {
    }

    @Override
    default void importRows() {
    }

    @Override
    default void exportRows() {
    }

    @Override
    default ObservableBooleanValue newDisabled() {
        return NOT_HERE;
    }

    @Override
    default ObservableBooleanValue editDisabled() {
        return NOT_HERE;
    }

    @Override
    default ObservableBooleanValue deleteDisabled() {
        return NOT_HERE;
    }

    @Override
    default ObservableBooleanValue importDisabled() {
        return NOT_HERE;
    }

    @Override
    default ObservableBooleanValue exportDisabled() {
        return NOT_HERE;
    }
}
