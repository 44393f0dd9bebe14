package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging set up in code, as logback.xml set it up before (export12: no XML read at start). */
class LogConfigurationTest {
    @TempDir
    Path dir;

    private LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("postdesk.logDir", dir.toString());
        return context;
    }

    @Test
    void infoGoesToThePrivateLogFileWithTheLevelsOfTheLibraries() throws Exception {
        LoggerContext context = context();
        LogConfiguration.apply(context);
        try {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            context.getLogger("io.postdesk.Something").info("an info line");
            context.getLogger("org.hibernate.SQL").info("hidden");

            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            assertThat(root.getAppender("FILE")).isInstanceOf(PrivateRollingFileAppender.class);
            assertThat(context.getLogger("org.hibernate").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("io.zonky").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.INFO);
            String log = Files.readString(dir.resolve("postdesk.log"));
            assertThat(log).matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^]]+\\] io\\.postdesk\\.Something - an info line\\R")
                    .doesNotContain("hidden");
        } finally {
            context.stop();
        }
    }

    @Test
    void theConsoleTakesItsThresholdFromTheLauncher() {
        String before = System.getProperty("postdesk.consoleLog");
        System.setProperty("postdesk.consoleLog", "OFF");
        LoggerContext context = context();
        try {
            LogConfiguration.apply(context);
            @SuppressWarnings("unchecked")
            ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
                    (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(console.getCopyOfAttachedFiltersList()).singleElement()
                    .extracting(f -> ((ch.qos.logback.classic.filter.ThresholdFilter) f).isStarted()).isEqualTo(true);
            ch.qos.logback.classic.spi.LoggingEvent error = new ch.qos.logback.classic.spi.LoggingEvent(
                    "x", context.getLogger("x"), Level.ERROR, "boom", null, null);
            assertThat(console.getFilterChainDecision(error)).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        } finally {
            context.stop();
            if (before == null) {
                System.clearProperty("postdesk.consoleLog");
            } else {
                System.setProperty("postdesk.consoleLog", before);
            }
        }
    }

    @Test
    void aLogbackTestXmlOrAGivenFileTakesPrecedence() {
        // The tests' class path has logback-test.xml: logback is asked to read it, as before.
        assertThat(new LogConfiguration().configure(context())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
