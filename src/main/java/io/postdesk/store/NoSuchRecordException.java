package io.postdesk.store;

import java.util.UUID;

/** The record the caller named is not there (deleted by someone else, or never existed). */
public class NoSuchRecordException extends RuntimeException {
    public NoSuchRecordException(String what, UUID id) {
        super("The " + what + " " + id + " does not exist (it may have been deleted).");
    }
}
