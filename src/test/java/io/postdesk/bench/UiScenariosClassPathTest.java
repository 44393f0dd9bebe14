package io.postdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The probes run in a folder of their own, so the class path they get must not depend on where the benchmark ran. */
class UiScenariosClassPathTest {

    @Test
    void relativeEntriesBecomeAbsoluteFromHere() {
        String here = Path.of("").toAbsolutePath().toString();

        String classPath = UiScenarios.absolute("target/postdesk.jar" + File.pathSeparator + "/opt/lib/x.jar");

        assertThat(classPath.split(File.pathSeparator)).containsExactly(
                Path.of(here, "target", "postdesk.jar").toString(), Path.of("/opt/lib/x.jar").toString());
    }
}
