package io.postdesk.config;

import java.util.Optional;

/**
 * Where database passwords are kept between sessions: the operating system's keychain. Calls may
 * block (a keychain can ask the user to unlock it): call from a background thread.
 */
public interface Keychain {
    /** Null when there is a keychain; else why not, in words (shown in the dialog and the log). */
    String absence();

    default boolean available() {
        return absence() == null;
    }

    Optional<String> read(String connectionName);

    /** @throws KeychainException when the keychain refused */
    void store(String connectionName, String password);

    void remove(String connectionName);

    /** A machine without one: passwords are asked for and kept for the session only. */
    static Keychain none(String why) {
        return new Keychain() {
            @Override
            public String absence() {
                return why;
            }

            @Override
            public Optional<String> read(String connectionName) {
                return Optional.empty();
            }

            @Override
            public void store(String connectionName, String password) {
                throw new KeychainException(why);
            }

            @Override
            public void remove(String connectionName) {
            }
        };
    }

    /** The keychain refused or failed; the message never contains the password. */
    final class KeychainException extends RuntimeException {
        public KeychainException(String message) {
            super(message);
        }
    }
}
