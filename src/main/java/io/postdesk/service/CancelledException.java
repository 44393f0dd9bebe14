package io.postdesk.service;

/** The user cancelled the work; everything it did was rolled back (or, for a file, removed). */
public final class CancelledException extends RuntimeException {
    public CancelledException(String message) {
        super(message);
    }
}
