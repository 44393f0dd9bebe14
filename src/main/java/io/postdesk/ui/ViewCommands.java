package io.postdesk.ui;

import javafx.beans.value.ObservableBooleanValue;

/**
 * What the window's menu bar and shortcuts ask of the view on top (Posts, Users, History). Each
 * view controller implements it; the main window finds them through its fx:include fields, so the
 * menu never reaches into a view's controls. A view without an action reports it as disabled.
 */
public interface ViewCommands {
    /** Ctrl+N: a new record of the view's kind. */
    void newRecord();

    /** Enter / Ctrl+E: the selected record in its form. */
    void editSelected();

    /** Delete: the selected record(s), after the usual confirmation. */
    void deleteSelected();

    /** F5: the visible page, the detail and the counts read again, keeping selection and scroll position. */
    void refresh();

    /** File > Import…: rows from a CSV file into the view's table, checked whole first. */
    void importRows();

    /** File > Export…: the view's rows, as filtered and sorted, to a CSV file. */
    void exportRows();

    /** True while New is not possible here (rights, read-only, not connected, or no such action). */
    ObservableBooleanValue newDisabled();

    /** True while Edit is not possible (same reasons, or nothing selected). */
    ObservableBooleanValue editDisabled();

    /** True while Delete is not possible. */
    ObservableBooleanValue deleteDisabled();

    /** True while Import is not possible (rights, read-only, not connected, or no such action). */
    ObservableBooleanValue importDisabled();

    /** True while Export is not possible. */
    ObservableBooleanValue exportDisabled();
}
