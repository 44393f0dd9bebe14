package io.postdesk.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password file psql and libpq read ({@code ~/.pgpass}, or {@code PGPASSFILE}), with libpq's
 * rules: lines {@code host:port:database:user:password}; {@code *} matches anything in the first
 * four fields; {@code \:} and {@code \\} stand for ':' and '\'; the first matching line wins; lines
 * starting with '#' are comments; on Unix a file that its group or others may read or write is
 * ignored (libpq warns and ignores it, and so does PostDesk).
 *
 * <p>Not pgjdbc's own PgPassParser (42.7.8): it reads the file whatever its permissions, and it also
 * honours a system property, which psql does not.
 */
public final class PgPass {
    private static final Logger log = LoggerFactory.getLogger(PgPass.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;

    public PgPass(Path file) {
        this.file = file;
    }

    /** Where psql looks on this machine: {@code PGPASSFILE}, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
    public static PgPass forThisUser() {
        return new PgPass(location(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home"))));
    }

    static Path location(Map<String, String> environment, String osName, Path home) {
        String explicit = environment.get("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") && environment.get("APPDATA") != null) {
            return Path.of(environment.get("APPDATA"), "postgresql", "pgpass.conf");
        }
        return home.resolve(".pgpass");
    }

    public Path file() {
        return file;
    }

    /** The password of the first line matching the four values, if the file is there and private. */
    public Optional<String> find(String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (!isPrivate()) {
            log.warn("The password file {} has group or world access and is ignored, as psql does;"
                    + " make it private with: chmod 0600 {}", file, file);
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("The password file {} cannot be read: {}", file, e.getMessage());
            return Optional.empty();
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Optional<String> password = match(stripEnd(line), wanted);
            if (password.isPresent()) {
                return password;
            }
        }
        return Optional.empty();
    }

    private boolean isPrivate() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return permissions.stream().noneMatch(GROUP_OR_OTHERS::contains);
        } catch (UnsupportedOperationException windows) {
            return true; // libpq makes no check on Windows either: the profile folder is private
        } catch (IOException e) {
            return false;
        }
    }

    private static String stripEnd(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** libpq's pwdfMatchesString for each of the four fields, then the de-escaped password. */
    static Optional<String> match(String line, String[] wanted) {
        int at = 0;
        for (String value : wanted) {
            at = matchField(line, at, value);
            if (at < 0) {
                return Optional.empty();
            }
        }
        StringBuilder password = new StringBuilder();
        for (int i = at; i < line.length() && line.charAt(i) != ':'; i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                i++;
            }
            password.append(line.charAt(i));
        }
        return Optional.of(password.toString());
    }

    /** Where the next field starts when the field at {@code at} matches {@code value}, else -1. */
    private static int matchField(String line, int at, String value) {
        if (line.startsWith("*:", at)) {
            return at + 2;
        }
        int i = at;
        int v = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ':') {
                return v == value.length() ? i + 1 : -1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                i++;
                c = line.charAt(i);
            }
            if (v >= value.length() || value.charAt(v) != c) {
                return -1;
            }
            i++;
            v++;
        }
        return -1; // a line that ends before its password field
    }
}
