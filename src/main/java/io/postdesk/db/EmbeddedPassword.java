package io.postdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded superuser's password: random, made when the cluster is created, kept in a file
 * only the owner can read (on POSIX; on Windows the per-user LOCALAPPDATA already is).
 */
record EmbeddedPassword(Path file, String value) {
    private static final String FILE_NAME = "embedded-password";

    static EmbeddedPassword create(Path dataFolder) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = dataFolder.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, value, StandardCharsets.UTF_8);
            return new EmbeddedPassword(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static EmbeddedPassword read(Path dataFolder) {
        Path file = dataFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The embedded database in " + dataFolder + " has lost its password file ("
                    + FILE_NAME + "). To start over, delete the folder " + dataFolder.resolve("pgdata") + ".");
        }
        try {
            return new EmbeddedPassword(file, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPassword[" + file + "]";
    }
}
