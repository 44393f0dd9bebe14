package io.postdesk.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code InstallerArchive JAR}: the class-data archive of an installed PostDesk, made by the installer
 * build with the bundled runtime where the jar lies at its installed path ({@link InstallerBuild} shows
 * the package's files there), then stamped with what it was made for ({@link ArchiveStamp}).
 */
public final class InstallerArchive {
    /**
     * The training run is headless (Monocle, from the class path); JavaFX is in the runtime as named modules,
     * which export their internals to Monocle only when told. Installed PostDesk never loads Monocle.
     */
    static final List<String> MONOCLE_EXPORTS = List.of(
            "--add-exports=javafx.graphics/com.sun.glass.events=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.glass.ui.delegate=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.glass.utils=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED",
            "--add-exports=javafx.graphics/com.sun.javafx.util=ALL-UNNAMED",
            "--add-exports=javafx.base/com.sun.javafx.logging=ALL-UNNAMED");

    private InstallerArchive() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClassDataArchive archive = ClassDataArchive.besideJar(Path.of(args[0]));
        try {
            archive.trainPostDesk(ClassDataArchive.thisJava(), MONOCLE_EXPORTS, System.out);
            ArchiveStamp.of(archive.jar(), Path.of(System.getProperty("java.home")), System.getProperty("java.vm.version"))
                    .writeFor(archive.file());
        } catch (IOException | RuntimeException e) {
            System.err.println("class-data archive: " + e.getMessage());
            System.exit(1);
        }
    }
}
