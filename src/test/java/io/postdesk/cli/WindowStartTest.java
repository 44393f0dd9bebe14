package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.Launcher;
import io.postdesk.config.LaunchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usual start, the window without arguments: the settings are checked before any window as with
 * arguments, without loading picocli (not archivable by class-data sharing, about 0.2 s of a start).
 */
class WindowStartTest {
    @TempDir
    Path folder;

    @Test
    void withoutArgumentsTheWindowGetsTheDefaults() {
        AtomicReference<LaunchOptions> started = new AtomicReference<>();

        int code = PostDeskCommand.run(new String[0], options -> {
            started.set(options);
            return 0;
        });

        assertThat(code).isZero();
        assertThat(started.get()).isEqualTo(LaunchOptions.DEFAULTS);
        assertThat(PostDeskCommand.parse(List.of())).isEqualTo(LaunchOptions.DEFAULTS);
        assertThat(PostDeskCommand.parse(List.of("--read-only"))).isEqualTo(new LaunchOptions(null, false, true));
    }

    @Test
    void aMalformedDatabaseUrlEndsTheStartWithTwoBeforePicocliOrJavaFxLoad() throws Exception {
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:stdout", "-cp", System.getProperty("java.class.path"), Launcher.class.getName())
                .directory(folder.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("DATABASE_URL", "postgres://blog:s3cret@db.example.com:notaport/blog");
        builder.environment().put("POSTDESK_DATA_DIR", folder.resolve("data").toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as(stderr).isEqualTo(PostDeskCommand.EXIT_BAD_SETTINGS);
        assertThat(stderr).startsWith("postdesk: ").doesNotContain("s3cret");
        assertThat(Files.readString(out)).contains("io.postdesk.cli.PostDeskCommand ")
                .doesNotContain("picocli.CommandLine ").doesNotContain("javafx.application.Application ");
    }
}
