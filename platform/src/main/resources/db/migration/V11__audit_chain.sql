-- The audit journal becomes tamper-evident (R-19, Đ13.5): each entry carries its place in the
-- chain and the hash of the one before, and a signed anchor closes every day. Rows written
-- before this version are chained by the platform at its next start, in id order.

alter table audit_journal
    add column seq        bigint,
    add column prev_hash  varchar(64),
    add column entry_hash varchar(64);
create unique index audit_journal_seq on audit_journal (seq);
create index audit_journal_actor on audit_journal (actor, at);
create index audit_journal_action on audit_journal (action, at);

alter table audit_journal drop constraint audit_journal_actor_kind_check;
alter table audit_journal add constraint audit_journal_actor_kind_check
    check (actor_kind in ('AGENCY_SYSTEM', 'STAFF', 'PLATFORM', 'NATIONAL_PLATFORM', 'ANONYMOUS'));

-- a day's anchor: the last entry of the day and its chain hash, signed with the LGSP's key
create table audit_anchor (
    seq         bigint        primary key,
    day         date          not null,
    entry_hash  varchar(64)   not null,
    signed_at   timestamptz   not null,
    key_id      varchar(64)   not null,
    signature   text          not null
);
create index audit_anchor_day on audit_anchor (day);
