package io.postdesk.config;

/** A setting PostDesk cannot use. The message is for people and never contains a password. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
