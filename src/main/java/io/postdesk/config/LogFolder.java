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
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> PRIVATE_FILE =
            PosixFilePermissions.fromString("rw-------");

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
            createPrivately(folder.resolve(FILE));
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

    /**
     * Creates {@code file} readable by its owner only (at once, so there is no moment it is readable
     * by others), or makes an existing one so; nothing where the file system has no POSIX permissions.
     */
    static void createPrivately(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            return;
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PRIVATE_FILE);
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        }
    }
}
