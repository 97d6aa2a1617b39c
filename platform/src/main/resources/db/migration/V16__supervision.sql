-- Supervisors' dashboards (R-20): exchanges counted by creation time and open ones by deadline
create index if not exists exchange_created_at on lgsp.exchange (created_at);
create index if not exists exchange_open_deadline on lgsp.exchange (deadline)
    where status not in ('COMPLETED', 'FAILED', 'EXPIRED', 'CANCELLED');

-- Monthly reconciliation with the partners (App1 §3.6): one row per month, one line per
-- provider-consumer-service with the LGSP's counts and what each side reported
create table lgsp.reconciliation_period (
    period              varchar(7)  primary key,            -- yyyy-MM, Hanoi months
    status              varchar(16) not null,               -- OPEN, SETTLING, CLOSED
    opened_at           timestamptz not null default now(),
    upload_due          timestamptz not null,
    process_instance_id varchar(64),
    differences         int,
    outcome             text,
    settled_by          varchar(100),
    closed_at           timestamptz
);

create table lgsp.reconciliation_line (
    period              varchar(7)   not null references lgsp.reconciliation_period (period),
    provider            varchar(35)  not null,
    consumer            varchar(35)  not null,
    service             varchar(100) not null,
    lgsp_total          bigint       not null default 0,
    lgsp_succeeded      bigint       not null default 0,
    lgsp_failed         bigint       not null default 0,
    provider_total      bigint,
    provider_succeeded  bigint,
    provider_failed     bigint,
    provider_reported_at timestamptz,
    consumer_total      bigint,
    consumer_succeeded  bigint,
    consumer_failed     bigint,
    consumer_reported_at timestamptz,
    primary key (period, provider, consumer, service)
);
create index reconciliation_line_provider on lgsp.reconciliation_line (provider, period);
create index reconciliation_line_consumer on lgsp.reconciliation_line (consumer, period);
