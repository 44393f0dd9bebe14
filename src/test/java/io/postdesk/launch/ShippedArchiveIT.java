package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code mvn package}: the archive the build trained is beside the jar, and the README's fast
 * launch line uses it; the same line on a jar the archive was not made for starts as well, only
 * without it.
 */
class ShippedArchiveIT {
    private static final Path JAR = Path.of(System.getProperty("postdesk.jar", "target/postdesk.jar")).toAbsolutePath();
    private static final ClassDataArchive ARCHIVE = ClassDataArchive.besideJar(JAR);

    @TempDir
    Path folder;

    @Test
    void theBuildMadeAnArchiveThatTheFastLaunchLineUses() throws Exception {
        assertThat(ARCHIVE.file()).isRegularFile();
        assertThat(ARCHIVE.isUsable(ClassDataArchive.thisJava())).isTrue();

        Launch launch = launch(JAR, "-Xlog:class+load:stdout");

        assertThat(launch.exitCode()).as(launch.stderr()).isZero();
        assertThat(launch.stdout()).contains("io.postdesk.Launcher source: shared objects file (top)")
                .contains("PostDesk " + System.getProperty("postdesk.version", "0.1"));
        assertThat(launch.stderr()).isEmpty();
    }

    @Test
    void theTrainingRunArchivedTheWindowAndTheDatabaseClasses() throws Exception {
        Launch launch = launch(JAR, "-Xlog:class+load:stdout", "-XX:+PrintSharedArchiveAndExit");

        assertThat(launch.exitCode()).as(launch.stderr()).isZero();
        // What the training run loaded besides the command line: the window, Hibernate, the driver, the embedded server.
        assertThat(launch.stdout()).contains("io.postdesk.App", "javafx.scene.control.TableView",
                "org.hibernate.internal.SessionFactoryImpl", "org.postgresql.jdbc.PgConnection",
                "io.postdesk.db.PostgresServer", "io.postdesk.ui.posts.PostsController");
    }

    @Test
    void aJarTheArchiveWasNotMadeForStartsWithoutIt() throws Exception {
        Path other = Files.copy(JAR, folder.resolve("postdesk.jar"), StandardCopyOption.COPY_ATTRIBUTES);

        // The archive of the build's jar given to another jar: the JVM says why on stderr and goes on.
        Launch launch = launch(other, "-Xlog:class+load:stdout");

        assertThat(launch.exitCode()).as(launch.stderr()).isZero();
        assertThat(launch.stdout()).contains("PostDesk 0.1").contains("io.postdesk.Launcher source: file:")
                .doesNotContain("[warning]");
        assertThat(launch.stderr()).contains("shared archive");
    }

    private record Launch(int exitCode, String stdout, String stderr) {
    }

    /** {@code java <the archive's launch options> [extra] -jar jar --version}. */
    private Launch launch(Path jar, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ClassDataArchive.thisJava().toString()));
        command.addAll(ARCHIVE.launchOptions());
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", jar.toString(), "--version"));
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Launch(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
