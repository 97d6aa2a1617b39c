-- Onboarding requests (R-13, R-14): Form 01 (provide a service) or Form 02 (consume one),
-- each with Form 03 (security commitment) or an approved security level.
create table registration (
    id                   uuid         primary key,
    request_type         varchar(10)  not null check (request_type in ('PROVIDER', 'CONSUMER')),
    agency_code          varchar(35)  not null references agency (code),
    provider_code        varchar(35)  not null references agency (code),
    service_code         varchar(80)  not null,
    service_version      varchar(20)  not null,
    status               varchar(20)  not null,
    form                 jsonb        not null,
    valid_at             timestamptz  not null,
    review_due           timestamptz,
    decision_comment     varchar(2000),
    test_client_id       varchar(120),
    production_client_id varchar(120),
    process_instance_id  varchar(64),
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now()
);
create index registration_agency on registration (agency_code);

create table registration_event (
    id              bigserial    primary key,
    registration_id uuid         not null references registration (id),
    at              timestamptz  not null default clock_timestamp(),
    status          varchar(20)  not null,
    detail          varchar(2000)
);
create index registration_event_registration on registration_event (registration_id, id);
