package io.postdesk.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.io.FileUtils;

/**
 * {@code mvn -Pinstaller package}: PostDesk as an installed application (see README, "Install").
 * <ol>
 *   <li>a runtime made by jlink with the modules jdeps finds in the installer's jar, the ones TLS and
 *   locales need, and JavaFX from the Maven Central jars; JavaFX's native libraries are copied into the
 *   runtime's library folder, where JavaFX looks first, so it unpacks nothing into the home folder;</li>
 *   <li>the app image (jpackage), whose launcher uses the class-data archive when it fits;</li>
 *   <li>the installer of this system (.deb, .msi or .dmg) made from that image; a .deb is then
 *   completed by {@link DebPackage}: the archive made at the installed path, the icons, the command.</li>
 * </ol>
 * The options of each installer format come from the pom's {@code installer} profile.
 */
public final class InstallerBuild {
    static final String NAME = "PostDesk";
    static final String MAIN_CLASS = "io.postdesk.Launcher";
    static final String JAR = "postdesk.jar";
    /** Found by no class reference, needed all the same. */
    static final List<String> EXTRA_MODULES = List.of(
            "jdk.crypto.ec",    // TLS to a server: elliptic-curve key exchange and certificates
            "jdk.localedata",   // dates and numbers in the user's language, not only English
            "jdk.charsets",     // a terminal or file names in a legacy (non-UTF-8) encoding
            "jdk.zipfs",        // jar: file systems (Flyway and Hibernate scan the jar through them)
            "javafx.controls", "javafx.fxml");
    /** The launcher's JVM options: the archive beside the jar when it fits; the JVM's own warnings on stderr only. */
    static final List<String> JAVA_OPTIONS = List.of(
            "-XX:SharedArchiveFile=$APPDIR/postdesk.jsa", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-D" + ArchiveStamp.ARCHIVE_PROPERTY + "=$APPDIR/postdesk.jsa");

    private final Map<String, String> options;
    private final PrintStream log = System.out;

    private InstallerBuild(Map<String, String> options) {
        this.options = options;
    }

    /**
     * {@code InstallerBuild --jar=J --dependencies CLASSPATH --icons=DIR --dest=DIR --work=DIR --version=V
     * --linux-type=deb --linux-image-options=... --linux-package-options=... (and windows-, macos-)}: see the pom.
     * Options of the other systems are read too, but only this system's are used.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dependencies") && i + 1 < args.length) {
                options.put("dependencies", args[++i]); // the exec plugin's <classpath/>
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        try {
            new InstallerBuild(options).build();
        } catch (IOException | RuntimeException e) {
            System.err.println("installer: " + e.getMessage());
            System.exit(1);
        }
    }

    private void build() throws IOException, InterruptedException {
        String version = PackageVersion.of(option("version"), PackageVersion.Platform.current());
        Path work = Path.of(option("work"));
        Path dest = Path.of(option("dest"));
        FileUtils.deleteDirectory(work.toFile());
        FileUtils.deleteDirectory(dest.toFile());
        Files.createDirectories(dest);
        Path input = Files.createDirectories(work.resolve("input"));
        InstallerJar.write(Path.of(option("jar")), input.resolve(JAR), log);

        Path runtime = runtime(input.resolve(JAR), work.resolve("runtime"));
        Path image = appImage(version, runtime, input, dest);
        log.printf("App image %s: %,d KB%n", image, FileUtils.sizeOfDirectory(image.toFile()) / 1024);
        String type = option(system() + "-type");
        if (type.equals("app-image")) {
            return;
        }
        Path installer = installer(version, type, image, work.resolve("package"), dest);
        if (type.equals("deb")) {
            new DebPackage(work.resolve("package/images"), installer, log).complete(Path.of(option("icons")),
                    Boolean.parseBoolean(options.getOrDefault("skip-archive", "false")));
        }
        log.printf("Installer %s: %,d KB%n", installer, Files.size(installer) / 1024);
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is missing");
        }
        return value;
    }

    private List<String> listOption(String name) {
        String value = options.getOrDefault(name, "").strip();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    /** jdeps, then jlink, then JavaFX's native libraries into the runtime. */
    private Path runtime(Path jar, Path output) throws IOException {
        List<Path> javafx = javafxJars(option("dependencies"));
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(
                run("jdeps", "-q", "--print-module-deps", "--ignore-missing-deps", "--multi-release",
                        Integer.toString(Runtime.version().feature()), jar.toString()).strip().split(",")));
        modules.addAll(EXTRA_MODULES);
        log.println("Runtime modules: " + String.join(",", modules));
        run("jlink", "--module-path", String.join(java.io.File.pathSeparator, javafx.stream().map(Path::toString).toList()),
                "--add-modules", String.join(",", modules), "--output", output.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive",
                "--exclude-resources=glob:/javafx.*/*.so,glob:/javafx.*/*.dll,glob:/javafx.*/*.dylib");
        // The archive for heaps of 32 GB and more (no compressed pointers): such a JVM starts without one.
        Files.deleteIfExists(output.resolve("lib/server/classes_nocoops.jsa"));
        Path libraries = output.resolve(isWindows() ? "bin" : "lib");
        for (Path fxJar : javafx) {
            copyNativeLibraries(fxJar, libraries);
        }
        return output;
    }

    /** JavaFX's platform jars on the class path (with a module-info; the jars without a classifier are empty). */
    private static List<Path> javafxJars(String classPath) throws IOException {
        try (Stream<Path> jars = Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(Path::of)) {
            List<Path> modular = new ArrayList<>();
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("javafx-.*\\.jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    if (zip.getEntry("module-info.class") != null) {
                        modular.add(jar);
                    }
                }
            }
            if (modular.isEmpty()) {
                throw new IOException("No JavaFX platform jars on the class path " + classPath);
            }
            return modular;
        }
    }

    private void copyNativeLibraries(Path fxJar, Path libraries) throws IOException {
        try (ZipFile zip = new ZipFile(fxJar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().matches("[^/]+\\.(so|dll|dylib)")).toList()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, libraries.resolve(entry.getName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private Path appImage(String version, Path runtime, Path input, Path dest) {
        List<String> args = new ArrayList<>(common(version, "app-image"));
        args.addAll(List.of("--runtime-image", runtime.toString(), "--input", input.toString(), "--main-jar", JAR,
                "--main-class", MAIN_CLASS, "--dest", dest.toString()));
        for (String option : JAVA_OPTIONS) {
            args.addAll(List.of("--java-options", option));
        }
        args.addAll(listOption(system() + "-image-options"));
        run("jpackage", args.toArray(String[]::new));
        return dest.resolve(PackageVersion.Platform.current() == PackageVersion.Platform.MACOS ? NAME + ".app" : NAME);
    }

    private Path installer(String version, String type, Path image, Path temp, Path dest) throws IOException {
        List<String> args = new ArrayList<>(common(version, type));
        args.addAll(List.of("--app-image", image.toString(), "--dest", dest.toString(), "--temp", temp.toString()));
        args.addAll(listOption(system() + "-package-options"));
        run("jpackage", args.toArray(String[]::new));
        try (Stream<Path> files = Files.list(dest)) {
            return files.filter(p -> p.getFileName().toString().endsWith("." + type)).findFirst()
                    .orElseThrow(() -> new IOException("jpackage made no ." + type + " in " + dest));
        }
    }

    private List<String> common(String version, String type) {
        return List.of("--type", type, "--name", NAME, "--app-version", version, "--vendor", "PostDesk",
                "--description", "Desktop client for a blog's PostgreSQL database",
                "--copyright", "PostDesk", "--icon", Path.of(option("icons"), icon()).toString());
    }

    /** linux, windows or macos: the prefix of this system's options. */
    private static String system() {
        return PackageVersion.Platform.current().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String icon() {
        return switch (PackageVersion.Platform.current()) {
            case WINDOWS -> "postdesk.ico";
            case MACOS -> "postdesk.icns";
            case LINUX -> "postdesk.png";
        };
    }

    /** Runs a JDK tool in this JVM; its output is returned (and shown unless it is jdeps' module list). */
    private String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            exit = provider.run(capture, capture, args);
        }
        String output = out.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new UncheckedIOException(new IOException(tool + " failed (exit " + exit + "): " + String.join(" ", args)
                    + "\n" + output));
        }
        log.printf("%s done in %.1f s%n", tool, (System.nanoTime() - start) / 1e9);
        if (!tool.equals("jdeps") && !output.isBlank()) {
            log.print(output);
        }
        return output;
    }

    static boolean isWindows() {
        return PackageVersion.Platform.current() == PackageVersion.Platform.WINDOWS;
    }
}
