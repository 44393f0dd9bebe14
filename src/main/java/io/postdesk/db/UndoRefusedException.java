package io.postdesk.db;

/** A schema change PostDesk will not make (or take back), with the reason in words; nothing was changed. */
public final class UndoRefusedException extends RuntimeException {
    public UndoRefusedException(String message) {
        super(message);
    }
}
