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

    @Test
    void theCommandStartsTheBundledRuntimeWithTheLaunchersOptions() throws IOException {
        Path cfg = dir.resolve("PostDesk.cfg");
        Files.writeString(cfg, """
                [Application]
                app.classpath=$APPDIR/postdesk.jar
                app.mainclass=io.postdesk.Launcher

                [JavaOptions]
                java-options=-Djpackage.app-version=0.1.0
                java-options=-XX:SharedArchiveFile=$APPDIR/postdesk.jsa
                java-options=-Dname=it's
                """);
        String script = DebPackage.commandScript(cfg, "/opt/postdesk");
        assertThat(script).startsWith("#!/bin/sh\n").endsWith("""
                exec '/opt/postdesk/lib/runtime/bin/java' '-Djpackage.app-version=0.1.0' \
                '-XX:SharedArchiveFile=/opt/postdesk/lib/app/postdesk.jsa' '-Dname=it'\\''s' \
                -cp '/opt/postdesk/lib/app/postdesk.jar' 'io.postdesk.Launcher' "$@"
                """);

        Path sh = dir.resolve("postdesk");
        Files.writeString(sh, script.replace("exec ", "printf '%s\\n' "));
        Process run = new ProcessBuilder("/bin/sh", sh.toString(), "export", "a b").redirectErrorStream(true).start();
        String words = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(words.lines()).containsExactly("/opt/postdesk/lib/runtime/bin/java", "-Djpackage.app-version=0.1.0",
                "-XX:SharedArchiveFile=/opt/postdesk/lib/app/postdesk.jsa", "-Dname=it's", "-cp",
                "/opt/postdesk/lib/app/postdesk.jar", "io.postdesk.Launcher", "export", "a b");
    }
}
