package io.postdesk.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The jar an installer carries: the installer build's shaded jar with only this system's PostgreSQL programs
 * (zonky brings those of every system, about 80 MB), its entries stored rather than deflated. Stored, the
 * classes reach the installer's own compression (xz in a .deb) as they are, which packs them about twice
 * as small as it can pack deflated bytes; the jar on disk grows, the download shrinks.
 */
final class InstallerJar {
    private InstallerJar() {
    }

    /** Writes {@code target} from {@code shaded}: every entry stored, no {@code postgres-*.txz} of another system. */
    static void write(Path shaded, Path target, PrintStream log) throws IOException {
        String keep = archiveForThisSystem(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        boolean kept = false;
        try (ZipFile in = new ZipFile(shaded.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : in.stream().toList()) {
                String name = entry.getName();
                if (name.matches("postgres-.*\\.txz") && !name.equals(keep)) {
                    continue;
                }
                kept |= name.equals(keep);
                out.putNextEntry(stored(entry));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (!kept) {
            throw new IOException("The jar " + shaded + " has no " + keep);
        }
        log.println("PostgreSQL programs in the installer: " + keep);
    }

    private static ZipEntry stored(ZipEntry entry) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setMethod(ZipEntry.STORED);
        copy.setSize(entry.getSize());
        copy.setCompressedSize(entry.getSize());
        copy.setCrc(entry.getCrc());
        copy.setTime(entry.getTime());
        return copy;
    }

    /** zonky's name of this system's archive, as PostDesk looks for it (io.postdesk.db.PostgresBinaries). */
    static String archiveForThisSystem(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
        String arch = osArch.toLowerCase(Locale.ROOT);
        arch = arch.matches("amd64|x86_64|x64") ? "x86_64" : arch.matches("aarch64|arm64") ? "arm_64" : arch;
        // Only x86_64 programs are packaged for macOS and Windows; they run there under emulation.
        return "postgres-" + system + "-" + (system.equals("linux") ? arch : "x86_64") + ".txz";
    }
}
