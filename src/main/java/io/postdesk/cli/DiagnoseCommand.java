package io.postdesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.postdesk.model.Diagnostics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code postdesk diagnose}: what the Diagnostics view shows, as text or JSON, for a support ticket. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Print the pool, health, server, sessions, tables, top statements and schema history"
                + " (the Diagnostics view) as text, or as JSON with --json. Exit code 1 when the server did not answer.")
final class DiagnoseCommand implements Callable<Integer> {
    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--json", description = "One JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        try (CommandDatabase db = CommandDatabase.connectWithPoolFigures(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
            if (db.connection().isEmbedded()) {
                db.workspace(); // migrated and with pg_stat_statements, as the window opens it
            }
            db.connection().checkHealth();
            Diagnostics diagnostics = db.connection().diagnostics().snapshot();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? toJson(diagnostics) + System.lineSeparator() : DiagnosticsText.of(diagnostics));
            out.flush();
            if (diagnostics.serverProblem() != null) {
                spec.commandLine().getErr().println("postdesk: the server part is missing: " + diagnostics.serverProblem());
                return PostDeskCommand.EXIT_FAILED;
            }
            return 0;
        }
    }

    /** Times as ISO-8601 text (2026-12-06T18:00:00Z, PT3H12M). */
    static String toJson(Diagnostics diagnostics) {
        SimpleModule times = new SimpleModule("times");
        times.addSerializer(Instant.class, ToStringSerializer.instance);
        times.addSerializer(Duration.class, ToStringSerializer.instance);
        ObjectMapper mapper = new ObjectMapper().registerModule(times).enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return mapper.writeValueAsString(diagnostics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Diagnostics could not be written as JSON", e);
        }
    }
}
