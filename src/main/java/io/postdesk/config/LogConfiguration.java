package io.postdesk.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * PostDesk's logging, set up in code (found by logback through META-INF/services) instead of a
 * logback.xml: reading the XML cost every start logback's Joran and the JDK's XML parser (logback's
 * classes 540 to 261, the parser's 149 to none, on {@code postdesk export}; docs/PERFORMANCE.md,
 * export12). What it sets up is what logback.xml said:
 *
 * <ul>
 *   <li>FILE: {@code <postdesk.logDir>/postdesk.log}, owner-only ({@link PrivateRollingFileAppender}),
 *       rolled at 10 MB into postdesk.1.log .. postdesk.3.log;</li>
 *   <li>CONSOLE: stderr, from WARN, or the level in {@code postdesk.consoleLog} (OFF for the command
 *       line's sub-commands, whose stderr is one line a script can show);</li>
 *   <li>INFO by default; Hibernate, HikariCP and zonky at WARN, Flyway at INFO.</li>
 * </ul>
 *
 * A configuration given with {@code -Dlogback.configurationFile}, or a logback-test.xml on the class
 * path (the tests), still wins: then this steps aside and logback reads that file as usual.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    static final String FILE_PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %logger{0} - %msg%n";
    static final long MAX_FILE_SIZE = 10L * 1024 * 1024;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: the folder from its property {@code postdesk.logDir}, else the system property. */
    public static void apply(LoggerContext context) {
        String folder = context.getProperty("postdesk.logDir");
        if (folder == null) {
            folder = System.getProperty("postdesk.logDir", System.getProperty("java.io.tmpdir"));
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file(context, Path.of(folder)));
        root.addAppender(console(context, System.getProperty("postdesk.consoleLog", "WARN")));
        context.getLogger("org.hibernate").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.INFO);
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }

    private static PrivateRollingFileAppender<ILoggingEvent> file(LoggerContext context, Path folder) {
        PrivateRollingFileAppender<ILoggingEvent> file = new PrivateRollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(folder.resolve("postdesk.log").toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(folder.resolve("postdesk.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(MAX_FILE_SIZE));
        trigger.start();

        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();
        return file;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String level) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(level);
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();
        return console;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
