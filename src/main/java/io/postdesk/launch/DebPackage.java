package io.postdesk.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Completes the .deb jpackage made, from jpackage's own staging folder (its {@code --temp}): given what
 * jpackage cannot add, then packed again over jpackage's .deb.
 * <ul>
 *   <li>The class-data archive, made with the bundled runtime while the package's files are seen at their
 *   installed path (a mount namespace of the build's own, {@code unshare}): a JDK 17 archive fits only the
 *   jar path, size and time it was made for, and dpkg installs the files with the times they have here.</li>
 *   <li>The icon at every hicolor size, named in the menu entry by theme name.</li>
 *   <li>{@code /usr/bin/postdesk}, a script that starts the bundled runtime as the launcher would, without the
 *   launcher's package look-up at every start; the menu entry runs it. Owned by the package.</li>
 * </ul>
 */
final class DebPackage {
    private final Path staging;
    private final Path deb;
    private final PrintStream log;

    /** {@code staging}: the package's tree as jpackage left it (DEBIAN/, opt/postdesk/); {@code deb}: the file to write. */
    DebPackage(Path staging, Path deb, PrintStream log) {
        this.staging = staging;
        this.deb = deb;
        this.log = log;
    }

    /** {@code DebPackage STAGING DEB ICONS}: completes an existing staging tree again (after a failed or changed step). */
    public static void main(String[] args) throws Exception {
        new DebPackage(Path.of(args[0]), Path.of(args[1]), System.out).complete(Path.of(args[2]), false);
    }

    void complete(Path icons, boolean skipArchive) throws IOException, InterruptedException {
        if (!Files.isRegularFile(staging.resolve("DEBIAN/control"))) {
            throw new IOException("No package tree in " + staging);
        }
        Path app = installedApp();
        String installDir = "/" + staging.relativize(app).toString().replace('\\', '/');
        if (skipArchive) {
            log.println("No class-data archive in the package (-Dpostdesk.cds.skip=true): PostDesk starts without one");
        } else {
            trainArchive(app, installDir);
        }
        addIcons(icons, app);
        Path bin = Files.createDirectories(staging.resolve("usr/bin"));
        Path command = bin.resolve("postdesk");
        Files.deleteIfExists(command);
        Files.writeString(command, commandScript(app.resolve("lib/app/" + InstallerBuild.NAME + ".cfg"), installDir));
        Files.setPosixFilePermissions(command, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        pointMenuEntryAt(app, "/usr/bin/postdesk");
        dropEmptyPostrm(staging.resolve("DEBIAN/postrm"));
        writeChecksumsAndSize();
        Path packed = deb.resolveSibling(deb.getFileName() + ".tmp");
        exec(List.of("dpkg-deb", "--root-owner-group", "-Zxz", "-b", staging.toString(), packed.toString()), Map.of());
        Files.move(packed, deb, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code /usr/bin/postdesk}: the bundled runtime started directly with what jpackage's {@code .cfg} says
     * (its options, class path and main class). jpackage's Linux launcher asks {@code rpm -qf} and then
     * {@code dpkg -S} which package owns it at every start (to find its library in the package's file list):
     * about 0.15 s of each start, window or command, measured on Debian 12. The launcher stays in
     * {@code bin/} as jpackage made it.
     */
    static String commandScript(Path cfg, String installDir) throws IOException {
        String appDir = installDir + "/lib/app";
        List<String> options = new ArrayList<>();
        String classPath = null;
        String mainClass = null;
        for (String line : Files.readAllLines(cfg)) {
            String value = line.substring(line.indexOf('=') + 1).replace("$APPDIR", appDir);
            if (line.startsWith("java-options=")) {
                options.add(value);
            } else if (line.startsWith("app.classpath=")) {
                classPath = value;
            } else if (line.startsWith("app.mainclass=")) {
                mainClass = value;
            }
        }
        if (classPath == null || mainClass == null) {
            throw new IOException("No app.classpath or app.mainclass in " + cfg);
        }
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("# PostDesk: the bundled runtime with the options of ").append(appDir).append("/")
                .append(cfg.getFileName()).append(" (made by the package build)\n")
                .append("exec ").append(quoted(installDir + "/lib/runtime/bin/java"));
        for (String option : options) {
            script.append(' ').append(quoted(option));
        }
        script.append(" -cp ").append(quoted(classPath)).append(' ').append(quoted(mainClass)).append(" \"$@\"\n");
        return script.toString();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The menu entry starts {@code command} (the script above) instead of jpackage's launcher. */
    private void pointMenuEntryAt(Path app, String command) throws IOException {
        try (Stream<Path> files = Files.list(app.resolve("lib"))) {
            for (Path entry : files.filter(f -> f.toString().endsWith(".desktop")).toList()) {
                String text = Files.readString(entry).replaceAll("(?m)^Exec=\\S+", "Exec=" + command);
                Files.writeString(entry, text);
            }
        }
    }

    /**
     * jpackage's postrm does nothing (each case of its template is empty), but a package with a postrm stays
     * known to dpkg after {@code apt remove} (state "rc", waiting for a purge to run it): removed, PostDesk
     * left that record behind. Without one, removal leaves nothing. A postrm that does something is kept.
     */
    static boolean dropEmptyPostrm(Path postrm) throws IOException {
        if (!Files.isRegularFile(postrm)) {
            return false;
        }
        List<String> commands = Files.readAllLines(postrm).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> !NO_OP_POSTRM_LINES.contains(line) && !line.matches("[a-z|-]+\\)"))
                .toList();
        if (!commands.isEmpty()) {
            return false;
        }
        Files.delete(postrm);
        return true;
    }

    /** The lines of jpackage's postrm template other than its case labels ({@code purge|remove|...)}). */
    private static final java.util.Set<String> NO_OP_POSTRM_LINES = java.util.Set.of("set -e", "case \"$1\" in", ";;",
            "*)", "echo \"postrm called with unknown argument \\`$1'\" >&2", "exit 1", "esac", "exit 0");

    /** staging/opt/postdesk: the folder holding bin/PostDesk. */
    private Path installedApp() throws IOException {
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(p -> p.endsWith(Path.of("bin", InstallerBuild.NAME))).findFirst()
                    .map(launcher -> launcher.getParent().getParent())
                    .orElseThrow(() -> new IOException("No bin/" + InstallerBuild.NAME + " in " + deb));
        }
    }

    /**
     * The training run of {@link InstallerArchive}, inside a mount namespace where {@code installDir} shows the
     * package's files (a tmpfs over its parent, so nothing is made outside this build). Needs {@code unshare}
     * (util-linux) and user namespaces; as root they are always there.
     */
    private void trainArchive(Path app, String installDir) throws IOException, InterruptedException {
        String parent = Path.of(installDir).getParent().toString();
        String script = "set -e; mount -t tmpfs -o mode=0755 postdesk-build \"$1\"; mkdir -p \"$2\";"
                + " mount --bind \"$3\" \"$2\"; shift 3; exec \"$@\"";
        String jar = installDir + "/lib/app/" + InstallerBuild.JAR;
        List<String> command = List.of("unshare", "--mount", "--map-root-user", "--fork", "/bin/sh", "-c", script, "sh",
                parent, installDir, app.toAbsolutePath().toString(),
                installDir + "/lib/runtime/bin/java", "-cp", jar, InstallerArchive.class.getName(), jar);
        // Inside, the user is root of its namespace: the PostgreSQL programs come from the builder's own cache.
        exec(command, Map.of("POSTDESK_CACHE_DIR", io.postdesk.config.DataFolders.cacheForThisUser().toString()));
        Path archive = app.resolve("lib/app/postdesk.jsa");
        log.printf("Class-data archive for %s: %,d KB%n", jar, Files.size(archive) / 1024);
    }

    private void addIcons(Path icons, Path app) throws IOException {
        for (int size : IconMaker.PNG_SIZES) {
            Path target = staging.resolve("usr/share/icons/hicolor/" + size + "x" + size + "/apps/postdesk.png");
            Files.createDirectories(target.getParent());
            Files.copy(icons.resolve("postdesk-" + size + ".png"), target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.list(app.resolve("lib"))) {
            for (Path desktop : files.filter(p -> p.toString().endsWith(".desktop")).toList()) {
                String entry = Files.readString(desktop, StandardCharsets.UTF_8).replaceAll("(?m)^Icon=.*$", "Icon=postdesk");
                Files.writeString(desktop, entry, StandardCharsets.UTF_8);
            }
        }
    }

    /** DEBIAN/md5sums and the control file's Installed-Size, for the files as they now are. */
    private void writeChecksumsAndSize() throws IOException {
        List<String> sums = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !staging.relativize(p).startsWith("DEBIAN")).sorted().toList()) {
                sums.add(md5(file) + "  " + staging.relativize(file).toString().replace('\\', '/'));
                bytes += Files.size(file);
            }
        }
        Files.write(staging.resolve("DEBIAN/md5sums"), sums, StandardCharsets.UTF_8);
        Path control = staging.resolve("DEBIAN/control");
        String text = Files.readString(control, StandardCharsets.UTF_8)
                .replaceAll("(?m)^Installed-Size:.*$", "Installed-Size: " + (bytes + 1023) / 1024);
        Files.writeString(control, text, StandardCharsets.UTF_8);
    }

    private static String md5(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IOException(command.stream().limit(3).collect(Collectors.joining(" ")) + "... failed (exit " + exit + ")");
        }
        log.printf("%s done in %.1f s%n", command.get(0), (System.nanoTime() - start) / 1e9);
    }
}
