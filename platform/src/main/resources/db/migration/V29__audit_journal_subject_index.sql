-- The audit journal by data subject, for a citizen's view of who used their data. Built
-- concurrently: the journal takes every gateway call's entry and must not wait for the build.
create index concurrently if not exists audit_journal_subject on lgsp.audit_journal ((details ->> 'subject'), at)
    where details ->> 'subject' is not null;
