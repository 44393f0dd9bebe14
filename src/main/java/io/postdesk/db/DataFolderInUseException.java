package io.postdesk.db;

import java.nio.file.Path;

/** Another PostDesk already runs the embedded database in this data folder. */
public class DataFolderInUseException extends RuntimeException {
    public DataFolderInUseException(Path dataFolder) {
        super("Another PostDesk is already using the data folder " + dataFolder
                + ". Close that window first, or start this one with --database-url to open a server database.");
    }
}
