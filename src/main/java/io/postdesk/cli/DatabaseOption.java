package io.postdesk.cli;

import picocli.CommandLine.Option;

/** {@code --database-url} or {@code --connection} on a sub-command, so it may come before or after the command's name. */
final class DatabaseOption {
    @Option(names = "--database-url", paramLabel = "URL",
            description = "postgres://user:password@host:port/db or jdbc:postgresql://host:port/db"
                    + " (default: DATABASE_URL, else the embedded database)")
    String databaseUrl;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "a connection saved in the window's File > Connect… (its password from the keychain,"
                    + " .pgpass, or asked for)")
    String connection;
}
