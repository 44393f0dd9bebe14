package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed launcher's archive check: made for this runtime and jar, or the reason it is started without. */
class ArchiveStampTest {
    @TempDir
    Path root;
    Path runtime;
    Path jar;
    Path archive;

    @BeforeEach
    void anInstalledPostDesk() throws Exception {
        runtime = Files.createDirectories(root.resolve("opt/postdesk/lib/runtime"));
        Path app = Files.createDirectories(root.resolve("opt/postdesk/lib/app"));
        jar = Files.write(app.resolve("postdesk.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        archive = Files.write(app.resolve("postdesk.jsa"), new byte[] {4});
        ArchiveStamp.of(jar, runtime, "17.0.15+6").writeFor(archive);
    }

    @Test
    void theArchiveFitsTheRuntimeAndJarItWasMadeFor() throws Exception {
        assertThat(ArchiveStamp.fileOf(archive)).hasFileName("postdesk.jsa.properties").isRegularFile();
        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, runtime, "17.0.15+6"))).isEmpty();
    }

    @Test
    void anUnpackedCopyElsewhereIsStartedWithoutItAndSaysWhy() throws Exception {
        Path moved = Files.createDirectories(root.resolve("tmp/unpacked/lib/app"));
        Path movedJar = Files.copy(jar, moved.resolve("postdesk.jar"), StandardCopyOption.COPY_ATTRIBUTES);

        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(movedJar, runtime, "17.0.15+6")))
                .hasValueSatisfying(why -> assertThat(why).contains("made for " + jar).contains("this jar is " + movedJar));
    }

    @Test
    void anotherRuntimeIsNamed() throws Exception {
        Path jdk = Files.createDirectories(root.resolve("usr/lib/jvm/java-17"));

        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, jdk, "17.0.15+6")))
                .hasValueSatisfying(why -> assertThat(why).contains(runtime.toString()).contains(jdk.toString()));
        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, runtime, "17.0.16+8")))
                .hasValueSatisfying(why -> assertThat(why).contains("17.0.15+6").contains("17.0.16+8"));
    }

    @Test
    void aChangedJarIsNoticed() throws Exception {
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-02T10:00:00Z")));

        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, runtime, "17.0.15+6")))
                .hasValueSatisfying(why -> assertThat(why).contains("was changed"));
    }

    @Test
    void aMissingArchiveOrStampIsAReasonToo() throws Exception {
        Files.delete(ArchiveStamp.fileOf(archive));
        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, runtime, "17.0.15+6")))
                .hasValueSatisfying(why -> assertThat(why).contains("no readable stamp"));

        Files.delete(archive);
        assertThat(ArchiveStamp.whyNotFit(archive, ArchiveStamp.of(jar, runtime, "17.0.15+6")))
                .hasValueSatisfying(why -> assertThat(why).contains("there is no archive"));
    }
}
