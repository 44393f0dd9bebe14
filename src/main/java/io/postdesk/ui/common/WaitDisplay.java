package io.postdesk.ui.common;

/**
 * Where a task says that it waits for a lock another session holds: the overlay of the view that
 * started it, a form's message line, a progress window. FX thread only.
 */
public interface WaitDisplay {
    /**
     * Shows (or updates, once a second) what the task waits for.
     *
     * @param cancel what the Cancel button does; null while a cancel is under way (no button)
     */
    void showWait(String text, Runnable cancel);

    /** Back to what was shown before the wait, unless something else has been shown since. */
    void hideWait();
}
