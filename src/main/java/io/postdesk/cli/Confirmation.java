package io.postdesk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/** Questions a command asks on the terminal before a change of the schema; --yes answers them for scripts. */
final class Confirmation {
    private final PrintWriter out;
    private final BufferedReader in;

    Confirmation(PrintWriter out) {
        this.out = out;
        this.in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    }

    /** True for "y" or "yes"; anything else, or the end of the input, is no. */
    boolean yes(String question) {
        String answer = line(question + " [y/N] ");
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    /** The line typed (trimmed), or null at the end of the input. */
    String line(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            return line == null ? null : line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
