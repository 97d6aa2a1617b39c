-- An agency's duties to the LGSP (Đ16.3, Đ16.5, R-27): a need to connect is registered with DOST
-- within 7 working days of being identified; a request to cancel its whole connection is made
-- within 5 working days of the need arising. Each need carries its deadline; the first
-- registration (or the cancellation request) after it fulfils it, on time or late.
create table connection_need (
    id             uuid          primary key,
    agency_code    varchar(35)   not null references agency (code),
    kind           varchar(8)    not null check (kind in ('CONNECT', 'CANCEL')),
    description    varchar(1000) not null,
    identified_on  date          not null,
    due_on         date          not null,
    recorded_by    varchar(200)  not null,
    recorded_at    timestamptz   not null default now(),
    fulfilled_at   timestamptz,
    fulfilled_by   varchar(100),
    reminded_on    date
);
create index connection_need_open on connection_need (agency_code, kind) where fulfilled_at is null;

-- A request to cancel an agency's whole connection, settled by the connection-cancellation process.
create table connection_cancellation (
    id                  uuid          primary key,
    agency_code         varchar(35)   not null references agency (code),
    reason              varchar(1000) not null,
    requested_by        varchar(200)  not null,
    requested_at        timestamptz   not null default now(),
    process_instance_id varchar(64),
    completed_at        timestamptz,
    -- DOST's decision: CANCELLED, or KEPT with its reason
    outcome             varchar(10)   check (outcome in ('CANCELLED', 'KEPT')),
    decided_by          varchar(200),
    decision_comment    varchar(1000),
    revoked_grants      integer,
    disabled_clients    integer
);
-- one cancellation in progress per agency
create unique index connection_cancellation_open on connection_cancellation (agency_code) where completed_at is null;
