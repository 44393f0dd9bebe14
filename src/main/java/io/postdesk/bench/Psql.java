package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * psql, for the baselines a DBA would use: {@code \copy} to and from a file. The password goes
 * in the child's environment (PGPASSWORD), never on its command line, where {@code ps} shows it.
 */
final class Psql {
    private final Path executable;
    private final DatabaseUrl url;

    private Psql(Path executable, DatabaseUrl url) {
        this.executable = executable;
        this.url = url;
    }

    /** psql from the PATH, else from Debian's PostgreSQL folders; empty when it is not installed. */
    static Optional<Psql> find(DatabaseUrl url) {
        List<Path> candidates = new ArrayList<>();
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(folder, "psql"));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin/psql")));
        } catch (IOException e) {
            // not Debian: the PATH was all there is
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(path -> new Psql(path, url));
    }

    static String missing() {
        return "psql not found; install it (Debian: apt-get install postgresql-client) for this baseline";
    }

    /** Runs one psql meta-command or statement; fails with psql's own message. */
    void run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", url.host(), "-p", Integer.toString(url.port()), "-U", url.user(), "-d", url.database(),
                "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", url.password() == null ? "" : url.password());
        builder.environment().put("PGSSLMODE", "prefer");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("psql failed: " + output.strip());
        }
    }
}
