-- Record exchanges (R-01..R-04). Metadata only: the content lives in exchange_content
-- while in flight and is deleted on every terminal path (R-03).
create table exchange (
    id                 uuid         primary key,
    source_code        varchar(35)  not null,
    idempotency_key    varchar(200) not null,
    request_hash       char(64)     not null,
    destination_code   varchar(35)  not null,
    procedure_code     varchar(60)  not null,
    content_type       varchar(120) not null,
    content_sha256     char(64)     not null,
    content_bytes      bigint       not null,
    signed             boolean      not null,
    applicant_present  boolean      not null,
    deadline           timestamptz,
    status             varchar(12)  not null,
    route              varchar(12),
    in_inbox           boolean      not null default false,
    failure_reason     text,
    receipt_sha256     char(64),
    received_at        timestamptz,
    result_code        char(2),
    result_message     varchar(1000),
    result_reference   varchar(200),
    process_instance_id varchar(64),
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    unique (source_code, idempotency_key)
);
create index exchange_destination_status on exchange (destination_code, status);

create table exchange_event (
    id          bigserial    primary key,
    exchange_id uuid         not null references exchange (id),
    at          timestamptz  not null default now(),
    status      varchar(12)  not null,
    detail      varchar(1000)
);
create index exchange_event_exchange on exchange_event (exchange_id, id);

-- Transient: one row per exchange in flight, removed as soon as the destination holds it
-- and in any case when the exchange ends. The applicant's identity (personal data, Decree
-- 13/2023) travels here too, never in process variables or history.
create table exchange_content (
    exchange_id          uuid  primary key references exchange (id),
    content              bytea not null,
    signature            text,
    applicant_citizen_id varchar(12),
    applicant_name       varchar(200)
);
