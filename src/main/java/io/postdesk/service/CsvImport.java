package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Printable;
import io.postdesk.store.AuditRecord;
import io.postdesk.store.AuditStore;
import io.postdesk.store.ChangeSet;
import io.postdesk.store.ImportStore;
import io.postdesk.store.SearchIndexBatch;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.hibernate.Session;

/**
 * Imports users or posts from a CSV file in two passes over it. The check pass reads the whole
 * file and lists every bad line (form rules, duplicates in the file and in the database, unknown
 * authors); if there is any, nothing is written ({@link ImportRejectedException}). The import
 * pass then writes every row with COPY in one transaction, with one audit row; a failure or a
 * cancel rolls it all back. Both passes report progress ({@link ImportProgress#checking}, then
 * {@link ImportProgress#update}) and stop on cancel. Memory stays flat whatever the file's size,
 * apart from the sets that find duplicates (usernames and emails of a users file, the distinct
 * authors of a posts file). Call off the FX thread.
 */
public final class CsvImport {
    /** How many bad lines are listed; the rest are counted. */
    public static final int MAX_PROBLEMS = 1_000;
    static final String ACTION = "import";
    private static final int LOOKUP_BATCH = 5_000;
    private static final int PROGRESS_EVERY = 1_000;

    /** What a file holds. */
    public enum Kind {
        USERS, POSTS
    }

    private final Transactions transactions;
    private final ImportStore store;
    private final AuditStore audit;
    private final PasswordHasher hasher;
    /** The window's rule for an author the exact lookup did not find (PostService.resolveAuthor); or nobody. */
    private final java.util.function.Function<String, io.postdesk.model.AuthorLookup> looseAuthors;

    /** Authors named exactly (username, or email ignoring case) only. */
    public CsvImport(Transactions transactions, ImportStore store, AuditStore audit, PasswordHasher hasher) {
        this(transactions, store, audit, hasher, key -> new io.postdesk.model.AuthorLookup(key, List.of()));
    }

    /**
     * @param looseAuthors resolves an author the exact lookup did not find, as the window does a typed
     *                     one (the username ignoring case, the only username starting with it)
     */
    public CsvImport(Transactions transactions, ImportStore store, AuditStore audit, PasswordHasher hasher,
                     java.util.function.Function<String, io.postdesk.model.AuthorLookup> looseAuthors) {
        this.transactions = transactions;
        this.store = store;
        this.audit = audit;
        this.hasher = hasher;
        this.looseAuthors = looseAuthors;
    }

    /** What to do with an imported password hash below OWASP's minimum costs. */
    public enum WeakHashes {
        /** Import it and list the line among the result's warnings (the default). */
        WARN,
        /** Reject the file, listing the line as a bad line (--strict-hashes). */
        REFUSE
    }

    /** For the command line, which has no Cancellation (it cannot be cancelled but by ending the process). */
    public ImportResult importFile(Kind kind, Path file, ImportProgress progress) {
        return importFile(kind, file, progress, new Cancellation());
    }

    public ImportResult importFile(Kind kind, Path file, ImportProgress progress, WeakHashes weakHashes) {
        return kind == Kind.USERS ? importUsers(file, progress, new Cancellation(), weakHashes)
                : importPosts(file, progress, new Cancellation());
    }

    /**
     * @throws ImportRejectedException when any line is bad (nothing imported)
     * @throws CancellationException   when cancelled (nothing imported)
     * @throws java.io.UncheckedIOException when the file cannot be read or is not UTF-8
     */
    public ImportResult importFile(Kind kind, Path file, ImportProgress progress, Cancellation cancellation) {
        return kind == Kind.USERS ? importUsers(file, progress, cancellation, WeakHashes.WARN)
                : importPosts(file, progress, cancellation);
    }

    public ImportResult importPosts(Path file, ImportProgress progress, Cancellation cancellation) {
        String name = file.getFileName().toString();
        Map<String, UUID> authors = new HashMap<>();
        long rows = checkPosts(file, name, authors, progress, cancellation);
        long written = transactions.write(session -> {
            long count = 0;
            OffsetDateTime now = store.now(session); // before the COPY: nothing else runs on the connection during it
            SearchIndexBatch searchIndexes = SearchIndexBatch.begin(session, rows);
            try (CsvSource source = CsvSource.open(file);
                 ImportStore.RowWriter copy = store.copyPosts(session)) {
                ProblemList problems = new ProblemList(MAX_PROBLEMS);
                Iterator<CsvSource.Row> it = source.iterator();
                PostLines lines = PostLines.header(it.next(), problems);
                while (it.hasNext()) {
                    stopIfCancelled(cancellation);
                    PostLines.Line line = lines.read(it.next(), problems);
                    UUID author = line == null ? null : authors.get(line.author());
                    if (author == null) {
                        throw changedMeanwhile(name);
                    }
                    copy.field(author).field(line.title()).field(line.content()).field(line.published())
                            .field(line.createdAt() == null ? now : line.createdAt()).endRow();
                    if (++count % PROGRESS_EVERY == 0) {
                        progress.update(count, rows);
                    }
                }
                stopIfCancelled(cancellation);
                long copied = copy.finish();
                searchIndexes.finish(session);
                auditImport(session, PostEditing.TABLE, name, copied);
                progress.update(count, rows);
                return copied;
            }
        });
        return new ImportResult(PostEditing.TABLE, written);
    }

    /** The check pass of a posts file; fills {@code authors} (file value -> user id). Returns the row count. */
    private long checkPosts(Path file, String name, Map<String, UUID> authors, ImportProgress progress,
                            Cancellation cancellation) {
        ProblemList problems = new ProblemList(MAX_PROBLEMS);
        long rows = 0;
        Map<String, String> unknown = new HashMap<>(); // author -> why it names nobody
        Map<String, List<Long>> pending = new HashMap<>();
        rejectUnlessText(file, name);
        try (CsvSource source = CsvSource.open(file)) {
            Iterator<CsvSource.Row> it = source.iterator();
            if (!it.hasNext()) {
                problems.add(1, "", "The file is empty; it needs a header row.");
                problems.throwIfAny(name);
            }
            PostLines lines = PostLines.header(it.next(), problems);
            problems.throwIfAny(name); // without the right columns every line would be wrong
            while (it.hasNext()) {
                stopIfCancelled(cancellation);
                rows++;
                PostLines.Line line = lines.read(it.next(), problems);
                reportChecked(progress, source, rows);
                if (line == null || authors.containsKey(line.author())) {
                    continue;
                }
                if (unknown.containsKey(line.author())) {
                    problems.add(line.line(), lines.authorLabel(), unknown.get(line.author()));
                    continue;
                }
                pending.computeIfAbsent(line.author(), key -> new ArrayList<>()).add(line.line());
                if (pending.size() >= LOOKUP_BATCH) {
                    lookUpAuthors(pending, authors, unknown, problems, lines.authorLabel());
                }
            }
            progress.checking(rows, source.bytesRead(), source.size());
            lookUpAuthors(pending, authors, unknown, problems, lines.authorLabel());
        } catch (CsvSource.SyntaxError e) {
            problems.add(e.line(), "", e.getMessage()); // the rest of the file cannot be read
        }
        problems.throwIfAny(name);
        rejectIfNoRows(rows, name);
        return rows;
    }

    private void lookUpAuthors(Map<String, List<Long>> pending, Map<String, UUID> authors, Map<String, String> unknown,
                               ProblemList problems, String column) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, UUID> found = transactions.read(session -> store.authors(session, pending.keySet()));
        authors.putAll(found);
        pending.forEach((key, lineNumbers) -> {
            if (found.containsKey(key)) {
                return;
            }
            io.postdesk.model.AuthorLookup loose = looseAuthors.apply(key);
            if (loose.found()) {
                authors.put(key, loose.author().id());
                return;
            }
            String problem = loose.matches().isEmpty() ? noSuchAuthor(key) : severalAuthors(key, loose);
            unknown.put(key, problem);
            lineNumbers.forEach(line -> problems.add(line, column, problem));
        });
        pending.clear();
    }

    public ImportResult importUsers(Path file, ImportProgress progress, Cancellation cancellation) {
        return importUsers(file, progress, cancellation, WeakHashes.WARN);
    }

    public ImportResult importUsers(Path file, ImportProgress progress, Cancellation cancellation, WeakHashes weakHashes) {
        String name = file.getFileName().toString();
        ProblemList warnings = new ProblemList(MAX_PROBLEMS);
        long rows = checkUsers(file, name, progress, cancellation, weakHashes, warnings);
        long written;
        try (ParallelHasher hashing = new ParallelHasher(hasher, cancellation)) {
            written = transactions.write(session -> {
                try (CsvSource source = CsvSource.open(file);
                     ImportStore.RowWriter copy = store.copyUsers(session)) {
                    ProblemList problems = new ProblemList(MAX_PROBLEMS);
                    Iterator<CsvSource.Row> it = source.iterator();
                    UserLines lines = UserLines.header(it.next(), problems);
                    long[] count = {0};
                    ParallelHasher.Sink sink = (line, hash) -> {
                        copy.field(line.username()).field(line.email()).field(hash).endRow();
                        if (++count[0] % 100 == 0) {
                            progress.update(count[0], rows);
                        }
                    };
                    while (it.hasNext()) {
                        stopIfCancelled(cancellation);
                        UserLines.Line line = lines.read(it.next(), problems);
                        if (line == null) {
                            throw changedMeanwhile(name);
                        }
                        hashing.add(line, sink);
                    }
                    hashing.drain(sink);
                    stopIfCancelled(cancellation);
                    long copied = copy.finish();
                    auditImport(session, UserEditing.TABLE, name, copied);
                    progress.update(count[0], rows);
                    return copied;
                }
            });
        }
        return new ImportResult(UserEditing.TABLE, written, warnings.kept());
    }

    private long checkUsers(Path file, String name, ImportProgress progress, Cancellation cancellation,
                            WeakHashes weakHashes, ProblemList warnings) {
        ProblemList problems = new ProblemList(MAX_PROBLEMS);
        long rows = 0;
        UserUniqueness unique = new UserUniqueness(problems, LOOKUP_BATCH,
                (usernames) -> transactions.read(session -> store.takenUsernames(session, usernames)),
                (emails) -> transactions.read(session -> store.takenEmails(session, emails)));
        rejectUnlessText(file, name);
        try (CsvSource source = CsvSource.open(file)) {
            Iterator<CsvSource.Row> it = source.iterator();
            if (!it.hasNext()) {
                problems.add(1, "", "The file is empty; it needs a header row.");
                problems.throwIfAny(name);
            }
            UserLines lines = UserLines.header(it.next(), problems);
            problems.throwIfAny(name);
            unique.labels(lines.label(UserLines.USERNAME), lines.label(UserLines.EMAIL));
            while (it.hasNext()) {
                stopIfCancelled(cancellation);
                rows++;
                UserLines.Line line = lines.read(it.next(), problems);
                reportChecked(progress, source, rows);
                if (line != null) {
                    unique.add(line);
                    checkHashCosts(line, lines, weakHashes == WeakHashes.REFUSE ? problems : warnings);
                }
            }
            progress.checking(rows, source.bytesRead(), source.size());
            unique.flush();
        } catch (CsvSource.SyntaxError e) {
            problems.add(e.line(), "", e.getMessage()); // the rest of the file cannot be read
        }
        problems.throwIfAny(name);
        rejectIfNoRows(rows, name);
        return rows;
    }

    /**
     * An imported hash is kept as it is, so its costs are the account's protection if the table
     * leaks: below OWASP's minimum it is a warning (or, strict, a bad line).
     */
    private static void checkHashCosts(UserLines.Line line, UserLines lines, ProblemList list) {
        if (line.hash() != null && !PasswordHasher.meetsOwaspMinimum(line.hash())) {
            list.add(line.line(), lines.label(UserLines.PASSWORD_HASH), WEAK_HASH);
        }
    }

    static final String WEAK_HASH = "The Argon2id costs are below OWASP's minimum (" + PasswordHasher.OWASP_MINIMUM
            + "); the password can be guessed much faster. Have this user set a new password.";

    /** Binary files and other encodings are refused before the CSV parser sees them (see {@link CsvText}). */
    private static void rejectUnlessText(Path file, String name) {
        ImportProblem problem = CsvText.firstProblem(file);
        if (problem != null) {
            throw new ImportRejectedException(name, List.of(problem), 1);
        }
    }

    /** A header without rows changes nothing, so it records nothing either (no History entry). */
    private static void rejectIfNoRows(long rows, String name) {
        if (rows == 0) {
            throw new ImportRejectedException(name, List.of(new ImportProblem(0, "", NO_ROWS)), 1);
        }
    }

    static final String NO_ROWS = "The file has no rows to import.";

    private static void reportChecked(ImportProgress progress, CsvSource source, long rows) {
        if (rows % PROGRESS_EVERY == 0) {
            progress.checking(rows, source.bytesRead(), source.size());
        }
    }

    private void auditImport(Session session, String table, String file, long rows) {
        audit.record(session, new AuditRecord(table, null, ACTION,
                new ChangeSet().note("file", file).note("rows", Long.toString(rows))));
    }

    private static String severalAuthors(String key, io.postdesk.model.AuthorLookup lookup) {
        return "\"" + Printable.shortened(key) + "\" matches several users ("
                + String.join(", ", lookup.matches().stream().map(match -> Printable.shortened(match.username())).toList())
                + (lookup.matches().size() == 2 ? ", …" : "") + "): give the whole username or the email.";
    }

    private static String noSuchAuthor(String key) {
        return "No user has the username or email \"" + Printable.shortened(key) + "\".";
    }

    private static IllegalStateException changedMeanwhile(String name) {
        return new IllegalStateException(name + " changed while it was imported; nothing was imported. Try again.");
    }

    static void stopIfCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new CancellationException("Import cancelled; nothing was imported.");
        }
    }
}
