package io.postdesk.cli;

import io.postdesk.config.LaunchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One run of the command line with what it printed: System.out and System.err are swapped for the
 * run (the commands print there, as a user's terminal sees it) and put back afterwards.
 */
record ConsoleCapture(int exitCode, String out, String err) {

    /** Runs {@code args}; a start of the window (no command) goes to {@code window}. */
    static ConsoleCapture run(Function<LaunchOptions, Integer> window, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            exitCode = PostDeskCommand.run(args, window);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new ConsoleCapture(exitCode, outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command; the window is never expected. */
    static ConsoleCapture run(String... args) {
        return run(options -> {
            throw new AssertionError("the window was started");
        }, args);
    }

    /** Runs a command that reads {@code input} from the terminal (the answer to a question, say). */
    static ConsoleCapture answering(String input, String... args) {
        java.io.InputStream oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(oldIn);
        }
    }
}
