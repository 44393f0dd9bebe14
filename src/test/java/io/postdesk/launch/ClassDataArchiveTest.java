package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as the build makes it and a launch uses it, on a jar of one small class (a dynamic
 * archive needs classes from a jar; the test classes are in folders): trained, used, and when it does not
 * fit the jar any more or is damaged, ignored, with the launch's stdout untouched.
 */
class ClassDataArchiveTest {
    private static final Path JAVA = ClassDataArchive.thisJava();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path folder;
    private Path jar;
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    @BeforeEach
    void buildJar() throws IOException {
        jar = jarOf("Hello", """
                public class Hello {
                    public static void main(String[] args) {
                        if (args.length > 0 && args[0].equals("fail")) System.exit(3);
                        if (args.length > 1 && args[0].equals("record")) {
                            try {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), System.getenv("POSTDESK_DATA_DIR")
                                        + "\\n" + System.getProperty("user.dir") + "\\n" + System.getenv("DATABASE_URL"));
                            } catch (java.io.IOException e) {
                                System.exit(4);
                            }
                        }
                        System.out.println("hello from " + System.getenv("POSTDESK_DATA_DIR"));
                    }
                }
                """);
    }

    @Test
    void theArchiveLiesBesideTheJar() {
        ClassDataArchive archive = ClassDataArchive.besideJar(Path.of("target/postdesk.jar"));

        assertThat(archive.file()).isEqualTo(Path.of("target/postdesk.jsa").toAbsolutePath());
        assertThat(archive.launchOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.file(), "-Xshare:auto",
                "-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    @Test
    void aTrainingRunMakesAnArchiveThatTheLaunchUses() throws Exception {
        ClassDataArchive archive = ClassDataArchive.besideJar(jar);
        assertThat(archive.isUsable(JAVA)).isFalse();

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        archive.train(JAVA, "Hello", List.of(), TIMEOUT, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(archive.file()).isRegularFile();
        assertThat(archive.isUsable(JAVA)).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Class-data archive " + archive.file() + " made in");
        Launch launch = launch(archive, "-Xlog:class+load:stdout");
        assertThat(launch.exitCode()).isZero();
        assertThat(launch.stdout()).contains("Hello source: shared objects file (top)");
        assertThat(onlyTheArchiveLeftIn(folder)).isTrue();
    }

    @Test
    void theTrainingRunGetsAFreshDataFolderOfItsOwn() throws Exception {
        ClassDataArchive archive = ClassDataArchive.besideJar(jar);
        Path record = folder.resolve("classes").resolve("record.txt");
        archive.train(JAVA, "Hello", List.of("record", record.toString()), TIMEOUT, quiet);

        // A temporary folder beside the archive, its working directory (no .env of the build's), deleted afterwards.
        List<String> seen = Files.readAllLines(record);
        Path work = Path.of(seen.get(1));
        assertThat(work.getParent()).isEqualTo(folder.toAbsolutePath());
        assertThat(work.getFileName().toString()).startsWith("hello.jsa.training-");
        assertThat(Path.of(seen.get(0))).isEqualTo(work.resolve("data"));
        assertThat(seen.get(2)).isEqualTo("null");
        assertThat(work).doesNotExist();
        assertThat(onlyTheArchiveLeftIn(folder)).isTrue();
    }

    @Test
    void anArchiveForAnotherVersionOfTheJarCostsOnlySpeed() throws Exception {
        ClassDataArchive archive = ClassDataArchive.besideJar(jar);
        archive.train(JAVA, "Hello", List.of(), TIMEOUT, quiet);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        assertThat(archive.isUsable(JAVA)).isFalse();
        Launch launch = launch(archive, "-Xlog:class+load:stdout");
        assertThat(launch.exitCode()).isZero();
        assertThat(launch.stdout()).contains("hello from").contains("Hello source: file:")
                .doesNotContain("Hello source: shared objects file").doesNotContain("warning");
        assertThat(launch.stderr()).contains("Unable to use shared archive");

        archive.train(JAVA, "Hello", List.of(), TIMEOUT, quiet); // made again for the new jar
        assertThat(archive.isUsable(JAVA)).isTrue();
    }

    @Test
    void aDamagedOrEmptyArchiveCostsOnlySpeed() throws Exception {
        ClassDataArchive archive = ClassDataArchive.besideJar(jar);
        for (byte[] content : List.of(new byte[0], "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8))) {
            Files.write(archive.file(), content);

            assertThat(archive.isUsable(JAVA)).isFalse();
            Launch launch = launch(archive);
            assertThat(launch.exitCode()).isZero();
            assertThat(launch.stdout()).isEqualTo("hello from null\n");
        }
    }

    @Test
    void aFailedTrainingRunKeepsTheArchiveThatWasThere() throws Exception {
        ClassDataArchive archive = ClassDataArchive.besideJar(jar);
        archive.train(JAVA, "Hello", List.of(), TIMEOUT, quiet);
        byte[] before = Files.readAllBytes(archive.file());

        assertThatThrownBy(() -> archive.train(JAVA, "Hello", List.of("fail"), TIMEOUT, quiet))
                .isInstanceOf(IOException.class).hasMessageContaining("The training run failed (exit 3)");

        assertThat(Files.readAllBytes(archive.file())).isEqualTo(before);
        assertThat(archive.isUsable(JAVA)).isTrue();
        assertThat(onlyTheArchiveLeftIn(folder)).isTrue();
    }

    private boolean onlyTheArchiveLeftIn(Path where) throws IOException {
        try (Stream<Path> files = Files.list(where)) {
            return files.map(path -> path.getFileName().toString()).allMatch(name -> name.equals("hello.jar")
                    || name.equals("hello.jsa") || name.equals("src") || name.equals("classes"));
        }
    }

    private record Launch(int exitCode, String stdout, String stderr) {
    }

    /** {@code java [launch options] [extra] -cp hello.jar Hello}, as a launcher with the archive would start it. */
    private Launch launch(ClassDataArchive archive, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(archive.launchOptions());
        command.addAll(List.of(extra));
        command.addAll(List.of("-cp", jar.toString(), "Hello"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("POSTDESK_DATA_DIR");
        Path out = folder.resolve("classes").resolve("out.txt");
        Path err = folder.resolve("classes").resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Launch(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** hello.jar in the test's folder, with one class compiled from {@code source}. */
    private Path jarOf(String className, String source) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path file = Files.writeString(sources.resolve(className + ".java"), source);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString());
        assertThat(compiled).isZero();
        Path result = folder.resolve("hello.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(result))) {
            out.putNextEntry(new JarEntry(className + ".class"));
            out.write(Files.readAllBytes(classes.resolve(className + ".class")));
            out.closeEntry();
        }
        return result;
    }
}
