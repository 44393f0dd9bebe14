package io.postdesk.service;

import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The lines of a posts file: author (username or email), title, content, published and an
 * optional created_at; id and updated_at, as PostDesk's export writes them, are read past. Title and content are checked by the post form's rules; the author's
 * existence is the caller's (a database look-up in batches).
 */
final class PostLines {
    static final String AUTHOR = "author";
    static final String TITLE = "title";
    static final String CONTENT = "content";
    static final String PUBLISHED = "published";
    static final String CREATED_AT = "created_at";
    static final List<String> COLUMNS = List.of(AUTHOR, TITLE, CONTENT, PUBLISHED, CREATED_AT);
    /**
     * Columns PostDesk's own export writes that the database assigns (a new id, the time of the
     * import): read past, so a file exported with every column imports as it is.
     */
    static final List<String> ASSIGNED = List.of("id", "updated_at");

    /** A valid line; createdAt null means "now". */
    record Line(long line, String author, String title, String content, boolean published, OffsetDateTime createdAt) {
    }

    /** ISO-8601 with an offset; a space may stand for the T and the offset may be +02, +0200 or +02:00. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseLenient().appendOffset("+HH:MM:ss", "Z")
            .toFormatter(Locale.ROOT);
    /** timestamptz's range: 4713-11-24 BC (ISO year -4712) to 294276-12-31 AD; outside it the COPY would fail. */
    private static final Instant FIRST = OffsetDateTime.parse("-4712-11-24T00:00:00Z").toInstant();
    private static final Instant LAST = OffsetDateTime.parse("+294276-12-31T23:59:59.999999Z").toInstant();
    private static final UUID SOME_AUTHOR = new UUID(0, 0); // the author is checked apart, by look-up

    private final CsvHeader header;

    private PostLines(CsvHeader header) {
        this.header = header;
    }

    static PostLines header(CsvSource.Row row, ProblemList problems) {
        CsvHeader header = CsvHeader.read(row, COLUMNS, ASSIGNED, problems);
        for (String required : List.of(AUTHOR, TITLE, CONTENT, PUBLISHED)) {
            header.require(required, problems);
        }
        return new PostLines(header);
    }

    String authorLabel() {
        return header.label(AUTHOR);
    }

    /** The line's values, or null with its problems added when anything is wrong. */
    Line read(CsvSource.Row row, ProblemList problems) {
        if (!FieldChecks.rightSize(row, header, problems) || FieldChecks.hasNul(row, header, problems)) {
            return null;
        }
        boolean ok = true;
        String author = header.get(row, AUTHOR).strip();
        if (author.isEmpty()) {
            problems.add(row.line(), header.label(AUTHOR), "Author is required.");
            ok = false;
        }
        String title = header.get(row, TITLE);
        String content = header.get(row, CONTENT);
        for (FieldError error : PostEditing.checkRules(new PostDraft(title, content, false, SOME_AUTHOR))) {
            problems.add(row.line(), header.label(error.field()), error.message());
            ok = false;
        }
        Boolean published = FieldChecks.yesNo(header.get(row, PUBLISHED));
        if (published == null) {
            problems.add(row.line(), header.label(PUBLISHED), "Must be true, false, t, f, yes, no, 1 or 0.");
            ok = false;
        }
        OffsetDateTime createdAt = null;
        String created = header.get(row, CREATED_AT);
        if (created != null && !created.isBlank()) {
            try {
                createdAt = OffsetDateTime.parse(created.strip(), TIMESTAMP);
                if (createdAt.toInstant().isBefore(FIRST) || createdAt.toInstant().isAfter(LAST)) {
                    problems.add(row.line(), header.label(CREATED_AT), "Must be between 4713-11-24 BC and 294276-12-31 AD.");
                    createdAt = null;
                    ok = false;
                }
            } catch (DateTimeParseException e) {
                problems.add(row.line(), header.label(CREATED_AT),
                        "Must be a date and time with an offset, like 2024-05-01T14:30:00+02:00.");
                ok = false;
            }
        }
        return ok ? new Line(row.line(), author, PostRules.title(new PostDraft(title, content, false, null)), content,
                published, createdAt) : null;
    }
}
