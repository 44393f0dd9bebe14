package io.postdesk.config;

import java.nio.file.Path;

/** Which database PostDesk opens: its own embedded one, or a server the user named. */
public sealed interface DatabaseTarget {

    /** The embedded PostgreSQL whose files live under {@code dataFolder}. */
    record Embedded(Path dataFolder) implements DatabaseTarget {
        @Override
        public String displayName() {
            return "embedded";
        }
    }

    /** A PostgreSQL server; {@code origin} says where the URL came from. */
    record Server(DatabaseUrl url, String origin) implements DatabaseTarget {
        @Override
        public String displayName() {
            return url.displayName();
        }
    }

    /** For the title bar and status bar: never contains a password. */
    String displayName();
}
