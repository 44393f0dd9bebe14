package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completed .deb has no postrm when jpackage's does nothing, so removal leaves no "rc" record behind. */
class DebPackageTest {
    @TempDir
    Path dir;

    @Test
    void jpackagesEmptyPostrmIsDropped() throws IOException {
        Path postrm = dir.resolve("postrm");
        try (InputStream template = DebPackageTest.class.getResourceAsStream("jpackage-postrm.sh")) {
            Files.copy(template, postrm); // the postrm of jpackage 17's .deb, as built on Debian 12
        }
        assertThat(DebPackage.dropEmptyPostrm(postrm)).isTrue();
        assertThat(postrm).doesNotExist();
    }

    @Test
    void aPostrmThatDoesSomethingIsKept() throws IOException {
        Path postrm = dir.resolve("postrm");
        try (InputStream template = DebPackageTest.class.getResourceAsStream("jpackage-postrm.sh")) {
            String text = new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Files.writeString(postrm, text.replace("    purge|remove|", "    purge)\n        rm -rf /var/lib/postdesk\n    ;;\n    remove|"));
        }
        assertThat(DebPackage.dropEmptyPostrm(postrm)).isFalse();
        assertThat(postrm).exists();
        assertThat(DebPackage.dropEmptyPostrm(dir.resolve("none"))).isFalse();
    }
}
