-- Incidents of the LGSP itself (Đ7.7, Đ10.4, Đ12): a security finding (a burst of failed
-- sign-ins, calls outside grants, quota exhaustion, a test credential on production paths, a
-- journal that no longer verifies) or one of its own components failing (PostgreSQL,
-- Elasticsearch, Keycloak, SMTP, the process engine's job backlog, the monitoring outbox).
-- DOST handles them; one is open per rule and subject, and further findings add to it.
create table lgsp.lgsp_incident (
    id                  uuid          primary key,
    category            varchar(10)   not null check (category in ('SECURITY', 'HEALTH')),
    rule                varchar(40)   not null,
    subject             varchar(200)  not null,
    detail              varchar(1000) not null,
    severity            varchar(10),
    status              varchar(10)   not null check (status in ('OPEN', 'RESOLVED')),
    occurrences         integer       not null default 1,
    opened_at           timestamptz   not null default now(),
    last_seen_at        timestamptz   not null default now(),
    resolved_at         timestamptz,
    resolved_by         varchar(120),
    resolution          varchar(2000),
    process_instance_id varchar(64)
);
create unique index lgsp_incident_one_open on lgsp.lgsp_incident (rule, subject) where status = 'OPEN';
create index lgsp_incident_opened on lgsp.lgsp_incident (opened_at desc);

-- The month's security report (Đ12.2): drafted on the 1st for the month before, approved or not by
-- a DOST leader; its figures as drafted, so that the approved report reads as the leader read it.
create table lgsp.security_report (
    month               char(7)       primary key,
    status              varchar(10)   not null check (status in ('DRAFT', 'APPROVED', 'REJECTED')),
    figures             jsonb         not null,
    drafted_at          timestamptz   not null default now(),
    decided_by          varchar(120),
    decided_at          timestamptz,
    decision_note       varchar(2000),
    process_instance_id varchar(64)
);

-- How far the watch has read a source outside PostgreSQL (Keycloak's admin events).
create table lgsp.watch_cursor (
    name     varchar(60) primary key,
    position timestamptz not null
);

-- The LGSP's own maintenance windows (Đ11.6): announced 24 hours ahead to every connected agency;
-- its components failing inside one open no incident.
create table lgsp.lgsp_maintenance (
    id           uuid          primary key,
    starts_at    timestamptz   not null,
    ends_at      timestamptz   not null check (ends_at > starts_at),
    reason       varchar(1000) not null,
    announced_by varchar(120)  not null,
    announced_at timestamptz   not null default now(),
    told         integer       not null
);
create index lgsp_maintenance_ends on lgsp.lgsp_maintenance (ends_at);
