package io.postdesk.cli;

import io.postdesk.config.ConfigurationException;
import io.postdesk.config.ConnectionStore;
import io.postdesk.config.Keychain;
import io.postdesk.config.OsKeychain;
import io.postdesk.config.PasswordSources;
import io.postdesk.config.PgPass;
import io.postdesk.config.SavedConnection;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --connection NAME}: a connection saved in the window, and its password as the window finds
 * it (keychain, then .pgpass), else asked on the terminal without echo. Never printed.
 */
final class SavedConnectionLookup {
    private SavedConnectionLookup() {
    }

    static SavedConnection find(String name, Path configFolder) {
        ConnectionStore store = new ConnectionStore(configFolder);
        List<SavedConnection> saved = store.load();
        return saved.stream().filter(c -> c.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new ConfigurationException("No saved connection is called \"" + name.strip()
                        + "\" (" + (saved.isEmpty() ? "none are saved in " + store.file()
                        : "saved: " + String.join(", ", saved.stream().map(SavedConnection::name).toList())) + ")."));
    }

    /** The password, or "" when none is kept and there is no terminal to ask on. */
    static String password(SavedConnection connection, PrintStream err) {
        Keychain keychain = OsKeychain.open();
        PasswordSources sources = new PasswordSources(() -> keychain, PgPass.forThisUser());
        return sources.find(connection).map(PasswordSources.Found::password).orElseGet(() -> {
            if (!keychain.available()) {
                err.println("postdesk: " + keychain.absence());
            }
            Console console = System.console();
            if (console == null) {
                return "";
            }
            char[] typed = console.readPassword("Password for %s (%s): ", connection.name(), connection.displayName());
            return typed == null ? "" : new String(typed);
        });
    }
}
