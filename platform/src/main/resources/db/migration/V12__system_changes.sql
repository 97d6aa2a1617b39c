-- Where the LGSP sends an agency's records is configuration with reach: a change of an agency
-- system's registration is a request a DOST leader approves in Tasklist, kept with who asked,
-- who decided and both values.
create table system_change (
    id             uuid          primary key,
    agency_code    varchar(35)   not null references agency (code),
    proposed       jsonb         not null,
    current_value  jsonb,
    requested_by   varchar(200)  not null,
    requested_at   timestamptz   not null default now(),
    status         varchar(10)   not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by     varchar(200),
    decided_at     timestamptz,
    decision_note  varchar(1000)
);
create index system_change_agency on system_change (agency_code, requested_at);
