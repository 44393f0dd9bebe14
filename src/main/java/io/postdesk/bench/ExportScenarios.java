package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.launch.ClassDataArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The CSV export as a user runs it: the whole {@code postdesk export posts} command in a JVM of its
 * own (start, connect, export, exit), beside psql's {@code \copy} of the same join to a file, run
 * by turns in the same run. Once per schema: PostDesk's own (timestamptz) and the tutorial's
 * (TIMESTAMP without time zone, migrated by PostDesk), with the same rows.
 */
final class ExportScenarios {
    private static final int RUNS = 3;
    private static final long TIMEOUT_MINUTES = 10;
    /** What psql copies: the export's join and order, the values as the server writes them. */
    static final String EXPORT_QUERY = "SELECT p.id, u.username AS author, p.title, p.content, p.published,"
            + " p.created_at, p.updated_at FROM posts p JOIN users u ON u.id = p.user_id"
            + " ORDER BY p.created_at DESC, p.id DESC";

    /** The export without its background forces while writing (ExportOutput's step 0), for comparison. */
    private static final String FORCE_ONLY_AT_THE_END = "-Dpostdesk.export.syncEvery=0";

    private final Scenarios scenarios;
    private final Path folder;

    ExportScenarios(Scenarios scenarios, Path folder) {
        this.scenarios = scenarios;
        this.folder = folder;
    }

    /**
     * Rows for {@code schema} (its database made first, if need be, by {@code database}): the command with the plain launch line and, when the benchmark runs
     * from the jar, with the class-data archive beside it.
     */
    void export(String schema, Callable<DatabaseUrl> database) {
        String name = "CSV export of all posts, whole command, " + schema;
        Goal goal = Goal.atMostTimesBaseline(1.2);
        Path ours = folder.resolve("bench-export.csv");
        Path theirs = folder.resolve("bench-export-psql.csv");
        try {
            DatabaseUrl url = database.call();
            Psql psql = Psql.find(url).orElseThrow(() -> new IllegalStateException(Psql.missing()));
            Launch launch = Launch.ofThisJvm();
            Optional<List<String>> archive = launch.archiveOptions();
            List<Double> plain = new ArrayList<>();
            List<Double> shared = new ArrayList<>();
            List<Double> forcedAtEnd = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                plain.add(time(() -> command(launch.command(List.of()), url, ours)));
                if (archive.isPresent()) {
                    shared.add(time(() -> command(launch.command(archive.get()), url, ours)));
                }
                forcedAtEnd.add(time(() -> command(launch.command(List.of(FORCE_ONLY_AT_THE_END)), url, ours)));
                baseline.add(time(() -> psql.run("\\copy (" + EXPORT_QUERY + ") to '" + theirs + "' csv header")));
            }
            String result = String.format("%,.0f MB", Files.size(ours) / 1e6);
            scenarios.add(new Row(name + " (" + launch.name() + ")", timings(plain), timings(baseline), result, goal, null));
            scenarios.add(new Row(name + " (" + launch.name() + ", the file forced to disk only at the end, as before"
                    + " issue 12's second round)", timings(forcedAtEnd), timings(baseline), result, goal, null));
            if (launch.jar() != null) {
                String archived = name + " (java -Xmx256m -jar, with the class-data archive)";
                scenarios.add(archive.isPresent()
                        ? new Row(archived, timings(shared), timings(baseline), result, goal, null)
                        : new Row(archived, null, null, "", goal, "no usable archive beside the jar (mvn package makes it)"));
            }
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        } finally {
            deleteQuietly(ours);
            deleteQuietly(theirs);
        }
    }

    /** How this JVM was started: from the jar (as users run PostDesk), or from class folders (tests). */
    private record Launch(Path jar, String classPath) {
        static Launch ofThisJvm() {
            String classPath = System.getProperty("java.class.path");
            if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
                return new Launch(Path.of(classPath).toAbsolutePath(), null);
            }
            return new Launch(null, UiScenarios.absolute(classPath));
        }

        String name() {
            return jar != null ? "java -Xmx256m -jar" : "java -Xmx256m -cp, from the class folders";
        }

        List<String> command(List<String> jvmOptions) {
            List<String> command = new ArrayList<>(List.of(ClassDataArchive.thisJava().toString()));
            command.addAll(jvmOptions);
            command.add("-Xmx256m");
            command.addAll(jar != null ? List.of("-jar", jar.toString()) : List.of("-cp", classPath, "io.postdesk.Launcher"));
            return command;
        }

        Optional<List<String>> archiveOptions() {
            if (jar == null) {
                return Optional.empty();
            }
            ClassDataArchive archive = ClassDataArchive.besideJar(jar);
            return archive.isUsable(ClassDataArchive.thisJava()) ? Optional.of(archive.launchOptions()) : Optional.empty();
        }
    }

    /**
     * {@code <launch> export posts --out FILE}, with the database in DATABASE_URL (not on the command
     * line, where ps shows its password) and a data folder of its own.
     */
    private void command(List<String> launch, DatabaseUrl url, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launch);
        command.addAll(List.of("export", "posts", "--out", out.toString()));
        Path work = folder.resolve("bench-export-command");
        Files.createDirectories(work);
        // Started in a folder of its own: a .env where the benchmark was started must not choose its database.
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("output.txt").toFile());
        builder.environment().putAll(Map.of("DATABASE_URL", url.withCredentials(),
                "POSTDESK_DATA_DIR", work.resolve("data").toString()));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("postdesk export did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            List<String> output = Files.readAllLines(work.resolve("output.txt"));
            throw new IOException("postdesk export failed (exit " + process.exitValue() + "): "
                    + (output.isEmpty() ? "no output" : output.get(output.size() - 1)));
        }
    }

    private static double time(Timings.Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static Timings timings(List<Double> millis) {
        return Timings.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover benchmark file in the work folder is harmless
        }
    }
}
