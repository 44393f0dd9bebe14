-- Undoes V4 (email_ignoring_case_and_audit): the audit table (postdesk uninstall offers to export
-- it first) and the unique index on lower(email). The blog's own UNIQUE (email) stays.
DROP TABLE postdesk_audit;
DROP INDEX users_email_lower_key;
