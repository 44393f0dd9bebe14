package io.postdesk.db;

import io.postdesk.model.Post;
import io.postdesk.model.User;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Hibernate over the pool PostDesk already has (one pool for Hibernate, Flyway and health checks).
 *
 * <p>It boots without a connection: no JDBC metadata is read at boot and the database product is
 * named (which picks the PostgreSQL dialect), so the SessionFactory can be built while the database
 * is still starting (see {@link DeferredDataSource}).
 * Without the server's version, the dialect assumes the oldest PostgreSQL Hibernate supports, so
 * the SQL it writes runs on any server PostDesk may meet.
 */
public final class SessionFactories {
    private SessionFactories() {
    }

    public static SessionFactory create(DataSource dataSource) {
        return new HibernatePersistenceConfiguration("postdesk")
                .managedClasses(User.class, Post.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .property(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .property(AvailableSettings.JSON_FORMAT_MAPPER, new NoFormatMapper())
                .property(AvailableSettings.XML_FORMAT_MAPPER, new NoFormatMapper())
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, 100)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .property(AvailableSettings.ORDER_UPDATES, true)
                // The schema belongs to Flyway; Hibernate only checks nothing and creates nothing.
                .property(AvailableSettings.HBM2DDL_AUTO, "none")
                .createEntityManagerFactory();
    }
}
