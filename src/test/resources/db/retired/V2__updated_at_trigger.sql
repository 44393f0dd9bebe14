-- updated_at is kept right by the database for every UPDATE, whoever writes it
-- (PostDesk, psql, the blog application), so it can be trusted in the tables.
CREATE FUNCTION postdesk_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_touch_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION postdesk_touch_updated_at();

CREATE TRIGGER posts_touch_updated_at
    BEFORE UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION postdesk_touch_updated_at();
