package io.postdesk.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs, from zonky's binaries artifacts on the class path ({@code postgres-<os>-<arch>.txz}),
 * unpacked once into a folder named after the archive's CRC-32 and size.
 *
 * <p>zonky's own start reads and MD5-hashes the 15 MB archive at every start only to name that folder, and
 * runs a shell script to detect the Linux distribution: together most of a second of every embedded start.
 * The jar's directory already holds each entry's CRC-32 and size, so the name costs nothing here. The folder
 * is unpacked beside its final name and renamed into place, so it exists only complete, and two processes
 * unpacking at once both end up with the same one.
 */
final class PostgresBinaries {
    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    private PostgresBinaries() {
    }

    /** The folder (with {@code bin/}, {@code lib/}, {@code share/}) for this machine, unpacked in {@code cache} if need be. */
    static Path prepare(Path cache) {
        URL archive = archiveForThisMachine();
        Path folder = cache.resolve(folderName(archive));
        if (Files.isRegularFile(folder.resolve("bin").resolve(executable("pg_ctl")))) {
            return folder;
        }
        try {
            unpack(archive, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack PostgreSQL into " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    /** {@code name}, with {@code .exe} on Windows. */
    static String executable(String name) {
        return isWindows() ? name + ".exe" : name;
    }

    /** zonky's naming: postgres-linux-x86_64.txz, with -alpine_linux on Alpine (musl); x86_64 under emulation on arm64 Macs and Windows. */
    private static URL archiveForThisMachine() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        arch = arch.matches("amd64|x86_64|x64") ? "x86_64" : arch.matches("aarch64|arm64") ? "arm_64" : arch;
        List<String> candidates = system.equals("linux") && Files.exists(Path.of("/etc/alpine-release"))
                ? List.of("postgres-linux-" + arch + "-alpine_linux.txz", "postgres-linux-" + arch + ".txz")
                : !system.equals("linux") && arch.equals("arm_64")
                ? List.of("postgres-" + system + "-arm_64.txz", "postgres-" + system + "-x86_64.txz")
                : List.of("postgres-" + system + "-" + arch + ".txz");
        for (String name : candidates) {
            URL url = PostgresBinaries.class.getClassLoader().getResource(name);
            if (url != null) {
                return url;
            }
        }
        throw new IllegalStateException("PostDesk has no embedded PostgreSQL for " + system + " " + arch
                + "; start it with --database-url to use a PostgreSQL server instead.");
    }

    /** postgres-linux-x86_64-1a2b3c4d-14889140: from the jar's directory, without reading the archive. */
    static String folderName(URL archive) {
        String name = Path.of(archive.getPath()).getFileName().toString().replace(".txz", "");
        try {
            if (archive.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false); // a cached connection would keep the jar open
                JarEntry entry = jar.getJarEntry();
                if (entry.getCrc() != -1 && entry.getSize() != -1) {
                    return String.format("%s-%08x-%d", name, entry.getCrc(), entry.getSize());
                }
            }
            // Not from a jar (an IDE's class folder): a file whose size and time name its version.
            Path file = Path.of(archive.toURI());
            return String.format("%s-%d-%d", name, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the embedded PostgreSQL archive " + archive, e);
        }
    }

    private static void unpack(URL archive, Path folder) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(folder.getParent());
        Path temp = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".unpacking-");
        try {
            try (InputStream in = new XZInputStream(new BufferedInputStream(archive.openStream()));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    extract(tar, entry, temp);
                }
            }
            try {
                Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
                log.info("Unpacked PostgreSQL into {} in {} ms", folder, (System.nanoTime() - start) / 1_000_000);
            } catch (IOException e) {
                if (!Files.isRegularFile(folder.resolve("bin").resolve(executable("pg_ctl")))) {
                    throw e;
                }
                // Another PostDesk unpacked the same archive meanwhile ("directory not empty"): theirs is as good.
            }
        } finally {
            FileUtils.deleteDirectory(temp.toFile());
        }
    }

    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("The archive names a file outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(target, root.resolve(entry.getLinkName()).normalize());
        } else if (entry.isFile()) {
            Files.copy(tar, target);
            if ((entry.getMode() & 0100) != 0 || root.relativize(target).startsWith("bin")) {
                target.toFile().setExecutable(true, false);
            }
        } else {
            throw new IOException("Unsupported entry in the PostgreSQL archive: " + entry.getName());
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
