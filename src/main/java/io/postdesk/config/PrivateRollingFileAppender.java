package io.postdesk.config;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Path;

/**
 * logback's rolling file appender, with every log file it opens the owner's only (0600): at start
 * and after each rollover, when it opens a new postdesk.log that would otherwise follow the umask
 * (0644 as a rule). The rolled copies are that file renamed, so they keep its mode.
 */
public final class PrivateRollingFileAppender<E> extends RollingFileAppender<E> {
    @Override
    public void openFile(String fileName) throws IOException {
        try {
            LogFolder.createPrivately(Path.of(fileName));
        } catch (IOException | RuntimeException e) {
            addWarn("Could not make " + fileName + " readable by its owner only", e); // still better logged than not
        }
        super.openFile(fileName);
    }
}
