package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFolderTest {
    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theLogFolderAndFileAreTheOwnersOnly() throws IOException {
        Path logs = dir.resolve("logs");

        LogFolder.prepare(logs);

        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(mode(logs.resolve("postdesk.log"))).isEqualTo("rw-------");
    }

    @Test
    void anExistingReadableLogAndItsRolledCopiesAreTightened() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(logs.resolve("postdesk.log"), "old");
        Path rolled = Files.writeString(logs.resolve("postdesk.1.log"), "older");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(rolled, PosixFilePermissions.fromString("rw-r--r--"));

        LogFolder.prepare(logs);

        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(mode(rolled)).isEqualTo("rw-------");
        assertThat(Files.readString(log)).isEqualTo("old");
    }
}
