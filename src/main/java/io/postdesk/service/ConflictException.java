package io.postdesk.service;

/**
 * Someone else changed or deleted the record after the form loaded it. {@code theirs} is their
 * version (an EditableUser or EditablePost), or null when the record was deleted. Nothing was saved.
 */
public class ConflictException extends RuntimeException {
    private final transient Object theirs;

    public ConflictException(Object theirs) {
        super(theirs == null ? "Someone else deleted this record after you opened it."
                : "Someone else changed this record after you opened it.");
        this.theirs = theirs;
    }

    /** Their version, or null when the record is gone. */
    public Object theirs() {
        return theirs;
    }

    public boolean deleted() {
        return theirs == null;
    }
}
