package io.postdesk.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The log folder, made private before logging starts: the log holds SQL states, file names and
 * host names, so it is the owner's only (folder 0700, postdesk.log and its rolled copies 0600),
 * like the embedded database's password file. On a file system without POSIX permissions
 * (Windows) the user's profile folder already is private and nothing is done.
 */
public final class LogFolder {
    public static final String FILE = "postdesk.log";

    private LogFolder() {
    }

    /** Creates the folder and the log file with private permissions, and tightens existing ones. */
    public static void prepare(Path folder) {
        try {
            Files.createDirectories(folder);
            if (!Files.getFileStore(folder).supportsFileAttributeView("posix")) {
                return;
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Path log = folder.resolve(FILE);
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (var files = Files.newDirectoryStream(folder, "postdesk*.log")) {
                for (Path file : files) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Logging is not running yet; the log is not worth failing the start for.
            System.err.println("postdesk: could not make the log folder private: " + e.getMessage());
        }
    }
}
