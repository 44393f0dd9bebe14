package io.postdesk.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file an export writes beside its target, named so a person (and the next export)
 * recognises it: {@code .posts.csv.postdesk-<random>.part}. An export killed outright (kill -9, a
 * power cut) cannot delete its own; the next export to the same target removes those older than
 * {@link #STALE}, which no running export can still be writing (a huge export writes continuously,
 * so its modification time stays fresh). Permissions: a replaced file keeps its own; a new file
 * gets 0644 (rw-r--r--), what a save with the usual umask gives, since an export is a file the
 * user chose to write into a folder they chose.
 */
final class ExportFiles {
    static final Duration STALE = Duration.ofHours(1);
    static final String MARK = ".postdesk-";
    static final String SUFFIX = ".part";
    static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);

    private ExportFiles() {
    }

    static Path createTemporary(Path target) throws IOException {
        return Files.createTempFile(target.getParent(), prefix(target), SUFFIX);
    }

    /** Deletes this target's temporary files left by exports that died more than an hour ago. */
    static void removeStale(Path target) {
        Instant before = Instant.now().minus(STALE);
        String prefix = prefix(target);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(target.getParent(),
                entry -> isTemporaryOf(entry, prefix))) {
            for (Path part : parts) {
                FileTime modified = Files.getLastModifiedTime(part);
                if (modified.toInstant().isBefore(before) && Files.isRegularFile(part)) {
                    Files.deleteIfExists(part);
                    log.info("Removed {}, left by an export that did not finish", part);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for old temporary files beside {}", target, e); // the export itself may still work
        }
    }

    /** The replaced file's POSIX permissions, or 0644 for a new file; nothing on other file systems. */
    static void copyPermissions(Path target, Path temporary) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> mode = Files.isRegularFile(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
        Files.setPosixFilePermissions(temporary, mode);
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + MARK;
    }

    private static boolean isTemporaryOf(Path entry, String prefix) {
        String name = entry.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(SUFFIX);
    }
}
