package io.postdesk.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What an installer's class-data archive was made for, written beside it ({@code postdesk.jsa.properties}):
 * the jar's path, size and time and the runtime's folder and build, the things the JVM checks before it
 * maps the archive. An installed PostDesk compares them with what runs, once at start, and logs why the
 * archive does not fit (another runtime, a moved or changed jar): the JVM then starts without it,
 * {@code -Xshare:auto}, and says so only on stderr, which nobody sees when PostDesk starts from a menu.
 *
 * @param jar         the jar's absolute path, as on the class path
 * @param jarSize     its size in bytes
 * @param jarModified its modification time in whole seconds (the JVM compares seconds)
 * @param javaHome    the runtime's folder
 * @param vmVersion   the runtime's build ({@code java.vm.version})
 */
public record ArchiveStamp(Path jar, long jarSize, long jarModified, Path javaHome, String vmVersion) {
    /** The launcher's option that names the archive of an installed PostDesk ({@code $APPDIR/postdesk.jsa}). */
    public static final String ARCHIVE_PROPERTY = "postdesk.cds.archive";

    /** The stamp of {@code jar} run by the runtime in {@code javaHome}. */
    public static ArchiveStamp of(Path jar, Path javaHome, String vmVersion) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        return new ArchiveStamp(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis() / 1000,
                javaHome.toAbsolutePath().normalize(), vmVersion);
    }

    /** The stamp of what runs now: the first jar of the class path in this JVM. */
    public static ArchiveStamp ofThisJvm() throws IOException {
        String classPath = System.getProperty("java.class.path", "");
        String first = classPath.split(java.io.File.pathSeparator, -1)[0];
        return of(Path.of(first), Path.of(System.getProperty("java.home")), System.getProperty("java.vm.version"));
    }

    /** {@code postdesk.jsa} → {@code postdesk.jsa.properties}. */
    public static Path fileOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".properties");
    }

    public void writeFor(Path archive) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("jar", jar.toString());
        properties.setProperty("jar.size", Long.toString(jarSize));
        properties.setProperty("jar.modified", Long.toString(jarModified));
        properties.setProperty("java.home", javaHome.toString());
        properties.setProperty("java.vm.version", vmVersion);
        try (OutputStream out = Files.newOutputStream(fileOf(archive))) {
            properties.store(out, "What the class-data archive beside this file was made for");
        }
    }

    static Optional<ArchiveStamp> readFor(Path archive) {
        Path file = fileOf(archive);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return Optional.of(new ArchiveStamp(Path.of(properties.getProperty("jar")),
                    Long.parseLong(properties.getProperty("jar.size")), Long.parseLong(properties.getProperty("jar.modified")),
                    Path.of(properties.getProperty("java.home")), properties.getProperty("java.vm.version")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why {@code archive} does not fit {@code running}, or empty when it was made for it. */
    public static Optional<String> whyNotFit(Path archive, ArchiveStamp running) {
        if (!Files.isRegularFile(archive)) {
            return Optional.of("there is no archive " + archive);
        }
        Optional<ArchiveStamp> made = readFor(archive);
        if (made.isEmpty()) {
            return Optional.of("the archive " + archive + " has no readable stamp " + fileOf(archive));
        }
        ArchiveStamp stamp = made.get();
        if (!stamp.javaHome.equals(running.javaHome) || !stamp.vmVersion.equals(running.vmVersion)) {
            return Optional.of("it was made with the runtime " + stamp.javaHome + " (" + stamp.vmVersion + "), this is "
                    + running.javaHome + " (" + running.vmVersion + ")");
        }
        if (!stamp.jar.equals(running.jar)) {
            return Optional.of("it was made for " + stamp.jar + ", this jar is " + running.jar);
        }
        if (stamp.jarSize != running.jarSize || stamp.jarModified != running.jarModified) {
            return Optional.of("the jar " + running.jar + " was changed after the archive was made");
        }
        return Optional.empty();
    }

    /**
     * When the launcher names an archive ({@value #ARCHIVE_PROPERTY}): logs whether it fits what runs. Called
     * once logging is ready; nothing on stdout or stderr.
     */
    public static void logWhetherArchiveFits() {
        String archive = System.getProperty(ARCHIVE_PROPERTY);
        if (archive == null || archive.isBlank()) {
            return;
        }
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArchiveStamp.class);
        try {
            Optional<String> why = whyNotFit(Path.of(archive), ofThisJvm());
            if (why.isPresent()) {
                log.warn("Started without the class-data archive (slower start): {}", why.get());
            } else {
                log.info("The class-data archive {} fits this runtime and jar", archive);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot tell whether the class-data archive {} fits: {}", archive, e.toString());
        }
    }
}
