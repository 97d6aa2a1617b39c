-- Connection monitoring (R-17, R-18, R-23): the current state of each connected system,
-- announced maintenance windows, and incidents with their log.
create table connection_state (
    agency_code            varchar(35)  primary key references agency (code),
    state                  varchar(12)  not null,
    consecutive_failures   integer      not null default 0,
    consecutive_successes  integer      not null default 0,
    last_check_at          timestamptz,
    last_latency_ms        bigint,
    last_error             varchar(500),
    next_check_at          timestamptz  not null default now()
);

create table maintenance_window (
    id            uuid          primary key,
    agency_code   varchar(35)   not null references agency (code),
    starts_at     timestamptz   not null,
    ends_at       timestamptz   not null check (ends_at > starts_at),
    reason        varchar(1000) not null,
    announced_by  varchar(120)  not null,
    announced_at  timestamptz   not null default now()
);
create index maintenance_window_agency on maintenance_window (agency_code, starts_at);

create table incident (
    id                  uuid          primary key,
    agency_code         varchar(35)   not null references agency (code),
    kind                varchar(20)   not null,
    status              varchar(10)   not null check (status in ('OPEN', 'RESOLVED')),
    detail              varchar(1000),
    opened_at           timestamptz   not null default now(),
    resolved_at         timestamptz,
    process_instance_id varchar(64)
);
-- one open incident per system: repeated failures never open a second one
create unique index incident_one_open on incident (agency_code) where status = 'OPEN';

create table incident_log (
    id          bigserial     primary key,
    incident_id uuid          not null references incident (id),
    at          timestamptz   not null default clock_timestamp(),
    actor       varchar(120)  not null,
    action      varchar(1000) not null
);
