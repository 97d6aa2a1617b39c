-- The service catalog (R-09, R-11): data-sharing services that provider agencies publish
-- through the LGSP, their versions along DRAFT → TEST → PUBLISHED → DEPRECATED → RETIRED,
-- and which consumer agency may call which version in which environment (R-13..R-16).
create table service (
    code            varchar(60)  primary key,
    name            varchar(300) not null,
    description     text,
    provider_code   varchar(35)  not null references agency (code),
    classification  varchar(20)  not null check (classification in ('PUBLIC', 'INTERNAL', 'PERSONAL_DATA', 'CONFIDENTIAL')),
    -- the furthest live stage of its versions, kept with every version change for searching
    status          varchar(12)  not null check (status in ('DRAFT', 'TEST', 'PUBLISHED', 'DEPRECATED', 'RETIRED')),
    registered_by   varchar(200) not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create index service_provider on service (provider_code);

create table service_version (
    service_code        varchar(60)  not null references service (code),
    version             varchar(20)  not null,
    status              varchar(12)  not null check (status in ('DRAFT', 'TEST', 'PUBLISHED', 'DEPRECATED', 'RETIRED')),
    base_url            varchar(500) not null,
    openapi             text,
    openapi_media_type  varchar(40)  check (openapi_media_type in ('application/json', 'application/yaml')),
    postman_collection  text,
    documents           jsonb        not null default '[]',
    quality_notes       text,
    created_at          timestamptz  not null default now(),
    published_at        timestamptz,
    deprecated_at       timestamptz,
    -- earliest retirement: 180 days after a successor is published (R-15), 60 days' notice otherwise (R-16)
    sunset_at           timestamptz,
    retired_at          timestamptz,
    primary key (service_code, version),
    check ((openapi is null) = (openapi_media_type is null)),
    check (status in ('DRAFT', 'TEST') or published_at is not null),
    check (status not in ('DEPRECATED', 'RETIRED') or (deprecated_at is not null and sunset_at is not null)),
    check (sunset_at is null or sunset_at >= deprecated_at + interval '60 days'),
    check ((status = 'RETIRED') = (retired_at is not null))
);
-- one published version per service at any moment: publishing a new one deprecates the old
create unique index service_version_published on service_version (service_code) where status = 'PUBLISHED';

-- Who moved which version when: the lifecycle journal of R-11.
create table service_version_event (
    id            bigserial    primary key,
    service_code  varchar(60)  not null,
    version       varchar(20)  not null,
    from_status   varchar(12),
    to_status     varchar(12)  not null,
    at            timestamptz  not null default now(),
    actor         varchar(200) not null,
    foreign key (service_code, version) references service_version (service_code, version)
);
create index service_version_event_version on service_version_event (service_code, version, id);

-- Revoked grants stay, for the audit journal (R-19); reason says why access ended.
create table access_grant (
    id             bigserial    primary key,
    consumer_code  varchar(35)  not null references agency (code),
    service_code   varchar(60)  not null,
    version        varchar(20)  not null,
    environment    varchar(10)  not null check (environment in ('TEST', 'PRODUCTION')),
    granted_at     timestamptz  not null default now(),
    granted_by     varchar(200) not null,
    revoked_at     timestamptz,
    revoked_by     varchar(200),
    reason         varchar(1000),
    foreign key (service_code, version) references service_version (service_code, version),
    check ((revoked_at is null) = (revoked_by is null))
);
create unique index access_grant_active on access_grant (consumer_code, service_code, version, environment)
    where revoked_at is null;
create index access_grant_consumer on access_grant (consumer_code, granted_at);
create index access_grant_version on access_grant (service_code, version) where revoked_at is null;
