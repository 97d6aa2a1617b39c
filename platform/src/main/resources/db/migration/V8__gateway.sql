-- The data-sharing gateway (R-07, R-09, R-10, R-20): how each service version is reached and
-- limited, quota buckets shared by every platform node, and the audit journal (R-19).

-- What an analyst decides per version: the upstream (the provider's own system, or a national
-- service through NDXP), the test environment's upstream, checks and transformations.
create table gateway_policy (
    service_code           varchar(60)   not null,
    version                varchar(20)   not null,
    upstream               varchar(10)   not null default 'DIRECT' check (upstream in ('DIRECT', 'NDXP')),
    -- the X-Road address of the national service, VN:GOV:<agency code>:<subsystem>; NDXP only
    xroad_service          varchar(120),
    -- where TEST credentials go; none means the version has no test environment
    test_base_url          varchar(500),
    -- check requests against the version's OpenAPI document before they reach the provider
    validate_requests      boolean       not null default false,
    -- content types a request body may have; null accepts any
    allowed_content_types  text[],
    -- declarative XML-to-JSON mapping for consumers that ask for JSON (R-07)
    response_transform     jsonb,
    -- where the data subject's identifier is in a call (query:<name> or path:<n>), kept as a keyed hash only
    subject_locator        varchar(100),
    -- calls per quota window for the whole version, every consumer together; null = the default
    quota                  integer       check (quota > 0),
    updated_at             timestamptz   not null default now(),
    updated_by             varchar(200)  not null,
    primary key (service_code, version),
    foreign key (service_code, version) references service_version (service_code, version),
    check ((upstream = 'NDXP') = (xroad_service is not null))
);

-- calls per quota window of one consumer on one version; null = the default
alter table access_grant add column quota integer check (quota > 0);

-- Bucket4j's token buckets, one row per consumer or service, shared by every node.
create table gateway_quota_bucket (
    id          varchar(200) primary key,
    state       bytea,
    expires_at  bigint
);

-- Who did what, when, on what, with which outcome (R-19, Đ13.5). No content; personal
-- identifiers only as keyed hashes.
create table audit_journal (
    id              bigserial     primary key,
    at              timestamptz   not null,
    actor_kind      varchar(20)   not null check (actor_kind in ('AGENCY_SYSTEM', 'STAFF', 'PLATFORM')),
    actor           varchar(200)  not null,
    agency_code     varchar(35),
    action          varchar(60)   not null,
    target          varchar(300),
    outcome         varchar(2)    not null check (outcome in ('00', '01')),
    transaction_id  varchar(64),
    details         jsonb         not null default '{}'
);
create index audit_journal_at on audit_journal (at);
create index audit_journal_agency on audit_journal (agency_code, at);
create index audit_journal_transaction on audit_journal (transaction_id);
