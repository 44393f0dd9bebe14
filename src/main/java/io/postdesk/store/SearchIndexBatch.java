package io.postdesk.store;

import java.util.List;
import org.hibernate.Session;

/**
 * Makes a big write's search-index work one merge instead of one insertion per row.
 *
 * <p>Every new post version enters the trigram indexes on title and content: a few hundred
 * trigrams a post, each a descent into a 1 GB index (about 2.4 ms a post at 1M posts). GIN can
 * instead append a row's entries to its pending list and later merge the whole list, key by key,
 * in one pass. The list is normally merged every 4 MB (a few hundred posts); {@link #begin} lets
 * it grow for this transaction and {@link #finish} merges it before the commit, so nothing is
 * left for other sessions or for searches to pay for.
 *
 * <p>Only the indexes' owner may merge a pending list ({@code gin_clean_pending_list}); for any
 * other role the write runs the ordinary way.
 */
public final class SearchIndexBatch {
    static final List<String> POST_INDEXES = List.of("posts_title_trgm", "posts_content_trgm");

    /** Large enough for 100,000 posts' trigrams before a merge is forced in the middle of the write. */
    private static final String PENDING_LIST_LIMIT = "1GB";
    /** The merge sorts the pending entries in this much memory; less means more passes. */
    private static final String MERGE_MEMORY = "256MB";

    private final boolean batching;

    private SearchIndexBatch(boolean batching) {
        this.batching = batching;
    }

    /**
     * Below this many rows the ordinary 4 MB list does as well, and merging (the whole list,
     * other sessions' entries included) would cost a small write more than it saves.
     */
    static final long FROM_ROWS = 2_000;

    /**
     * Starts batching in the session's transaction for a write of about {@code postVersions} post
     * versions, when it is big enough and this role may merge the list itself.
     */
    public static SearchIndexBatch begin(Session session, long postVersions) {
        if (postVersions < FROM_ROWS) {
            return new SearchIndexBatch(false);
        }
        boolean owner = Statements.query(session, Sql.of("SELECT count(*) = ? AND bool_and(pg_has_role(c.relowner, 'USAGE'))"
                + " FROM pg_class c WHERE c.oid = ANY(ARRAY[" + regclasses() + "])", POST_INDEXES.size()), rows -> {
                    rows.next();
                    return rows.getBoolean(1);
                });
        if (owner) {
            Statements.query(session, Sql.of("SELECT set_config('gin_pending_list_limit', ?, true),"
                    + " set_config('maintenance_work_mem', ?, true)", PENDING_LIST_LIMIT, MERGE_MEMORY),
                    rows -> null);
        }
        return new SearchIndexBatch(owner);
    }

    /** Whether the pending lists are used for this write (false: the role does not own the indexes). */
    public boolean batching() {
        return batching;
    }

    /** Merges the pending lists into the indexes; call before the commit. */
    public void finish(Session session) {
        if (!batching) {
            return;
        }
        for (String index : POST_INDEXES) {
            Statements.query(session, Sql.of("SELECT gin_clean_pending_list(to_regclass(?))", index), rows -> null);
        }
    }

    private static String regclasses() {
        return String.join(", ", POST_INDEXES.stream().map(name -> "to_regclass('" + name + "')").toList());
    }
}
