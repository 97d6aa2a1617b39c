-- The service lifecycle processes (R-11, R-15, R-16, Đ16.5): notices the public can read, and
-- versions that end without ever being published (a new version DOST refused, or the unpublished
-- versions of a retired service).

-- A version may now be RETIRED without having been published; one that was published still ends
-- only through DEPRECATED with its sunset. The 60 days' notice of an end (R-16) counts in
-- calendar days in Hanoi from when consumers were first told, which for a retirement is the
-- provider's announcement, before DOST confirms it and the version is marked deprecated.
alter table service_version add column notice_given_at timestamptz;
do $$
declare
    c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'service_version'::regclass and contype = 'c'
               and (pg_get_constraintdef(oid) like '%published_at IS NOT NULL%'
                    or pg_get_constraintdef(oid) like '%deprecated_at IS NOT NULL%'
                    or pg_get_constraintdef(oid) like '%60 days%')
    loop
        execute format('alter table service_version drop constraint %I', c.conname);
    end loop;
end $$;
alter table service_version
    add constraint service_version_published_before_live
        check (status in ('DRAFT', 'TEST', 'RETIRED') or published_at is not null),
    add constraint service_version_deprecated_has_sunset
        check (status <> 'DEPRECATED' or (deprecated_at is not null and sunset_at is not null)),
    add constraint service_version_published_ends_through_sunset
        check (status <> 'RETIRED' or published_at is null or (deprecated_at is not null and sunset_at is not null)),
    add constraint service_version_sixty_days_notice
        check (sunset_at is null or (sunset_at at time zone 'Asia/Ho_Chi_Minh')::date
                   >= (coalesce(notice_given_at, deprecated_at) at time zone 'Asia/Ho_Chi_Minh')::date + 60);

-- What the LGSP announces (App1 §3.4-3.5, Đ11.6): new versions, deprecations with their sunset,
-- retirements, maintenance windows. Public: the portal and any system may read them.
create table notice (
    id            uuid         primary key,
    kind          varchar(20)  not null check (kind in ('NEW_VERSION', 'DEPRECATION', 'RETIREMENT', 'RETIRED',
                                                        'MAINTENANCE')),
    -- what published it, so that a step run again publishes nothing twice
    source_key    varchar(200) not null unique,
    service_code  varchar(60),
    version       varchar(20),
    agency_code   varchar(35)  not null,
    title         varchar(300) not null,
    body          text         not null,
    -- the day it is about: the sunset, the retirement, the start of the maintenance
    effective_at  timestamptz  not null,
    ends_at       timestamptz,
    published_at  timestamptz  not null default now()
);
create index notice_published on notice (published_at desc);
create index notice_service on notice (service_code, published_at desc);
