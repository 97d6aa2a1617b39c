-- The information system each agency connects to the LGSP: where records are pushed and
-- results returned, the key its signatures verify with, how its status is polled (R-17).
create table agency_system (
    agency_code           varchar(35)  primary key references agency (code),
    base_url              varchar(500) not null,
    push_enabled          boolean      not null default true,
    signing_key_jwk       text,
    signature_required    boolean      not null default false,
    status_level2         boolean      not null default true,
    poll_interval_seconds integer      not null default 60 check (poll_interval_seconds >= 10),
    updated_at            timestamptz  not null default now()
);
