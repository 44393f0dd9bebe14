package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .pgpass as libpq reads it. */
class PgPassTest {
    @TempDir
    Path folder;

    private PgPass file(String permissions, String... lines) throws Exception {
        Path path = folder.resolve("pgpass");
        Files.write(path, java.util.List.of(lines));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return new PgPass(path);
    }

    @Test
    void theFirstMatchingLineWinsAndWildcardsMatchAnything() throws Exception {
        PgPass pgPass = file("rw-------",
                "# comment:*:*:*:never",
                "db.example.org:5432:blog:editor:first",
                "db.example.org:*:*:editor:second",
                "*:*:*:*:fallback");

        assertThat(pgPass.find("db.example.org", 5432, "blog", "editor")).contains("first");
        assertThat(pgPass.find("db.example.org", 6432, "other", "editor")).contains("second");
        assertThat(pgPass.find("elsewhere", 1, "x", "y")).contains("fallback");
    }

    @Test
    void escapedColonsAndBackslashesAreLiteral() throws Exception {
        PgPass pgPass = file("rw-------",
                "fe80\\:\\:1:5432:blog:ann:pa\\:ss\\\\word",
                "host:5432:we\\\\ird:ann:x");

        assertThat(pgPass.find("fe80::1", 5432, "blog", "ann")).contains("pa:ss\\word");
        assertThat(pgPass.find("host", 5432, "we\\ird", "ann")).contains("x");
        assertThat(pgPass.find("fe80", 5432, "blog", "ann")).isEmpty();
    }

    @Test
    void aStarInsideAFieldIsNoWildcardAndEveryFieldMustMatch() throws Exception {
        PgPass pgPass = file("rw-------", "db*:5432:blog:ann:x", "db:5432:blog:bob:y");

        assertThat(pgPass.find("dbz", 5432, "blog", "ann")).isEmpty();
        assertThat(pgPass.find("db", 5432, "blog", "ann")).isEmpty();
        assertThat(pgPass.find("db", 5433, "blog", "bob")).isEmpty();
        assertThat(pgPass.find("db", 5432, "blog", "bob")).contains("y");
    }

    @Test
    void aFileOthersMayReadIsIgnoredAsLibpqDoes() throws Exception {
        assertThat(file("rw-r-----", "*:*:*:*:secret").find("h", 5432, "d", "u")).isEmpty();
        assertThat(file("rw----r--", "*:*:*:*:secret").find("h", 5432, "d", "u")).isEmpty();
        assertThat(file("r--------", "*:*:*:*:secret").find("h", 5432, "d", "u")).contains("secret");
    }

    @Test
    void noFileNoPassword() {
        assertThat(new PgPass(folder.resolve("missing")).find("h", 5432, "d", "u")).isEmpty();
    }

    @Test
    void pgpassfileWinsOverTheHomeFile() {
        Path home = Path.of("/home/ann");
        assertThat(PgPass.location(Map.of(), "Linux", home)).isEqualTo(home.resolve(".pgpass"));
        assertThat(PgPass.location(Map.of("PGPASSFILE", "/etc/pw"), "Linux", home)).isEqualTo(Path.of("/etc/pw"));
        assertThat(PgPass.location(Map.of("APPDATA", "C:\\Users\\ann\\AppData\\Roaming"), "Windows 11", home))
                .isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Roaming", "postgresql", "pgpass.conf"));
    }
}
