-- Email addresses are unique ignoring case: Alice@x.org and alice@x.org cannot both exist,
-- whoever writes (PostDesk, psql, the blog). An existing database may already hold such a pair;
-- then this migration stops with the addresses to fix instead of a bare "could not create
-- unique index" (and Flyway rolls it back, so nothing is half done).
DO
$$
DECLARE
    clashes text;
BEGIN
    SELECT string_agg(addresses, '; ')
    INTO clashes
    FROM (SELECT string_agg(email, ', ' ORDER BY email) AS addresses
          FROM users
          GROUP BY lower(email)
          HAVING count(*) > 1
          ORDER BY lower(email)
          LIMIT 20) AS clash;
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'Some users share an email address that differs only in case: %', clashes
            USING HINT = 'Change or remove one user of each group, then start PostDesk again.';
    END IF;
END;
$$;

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Every change made through PostDesk, written in the same transaction as the change itself.
-- The identity column needs no separate sequence grant: a role that may INSERT here may audit.
CREATE TABLE postdesk_audit (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    database_role text        NOT NULL DEFAULT current_user,
    desktop_user  text,
    table_name    text        NOT NULL,
    record_id     uuid,        -- null for a change to many records at once
    action        text        NOT NULL,
    changes       jsonb       NOT NULL DEFAULT '{}'  -- {"field": {"old": .., "new": ..}}; never password hashes
);

CREATE INDEX postdesk_audit_at ON postdesk_audit (at DESC);
CREATE INDEX postdesk_audit_record ON postdesk_audit (table_name, record_id);
