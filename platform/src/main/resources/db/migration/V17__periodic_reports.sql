-- Periodic reports (R-21, Đ16.13): one per agency and one for the city (agency_code null) per
-- month or quarter, rendered as PDF and XLSX, published once a DOST leader approves
create table lgsp.periodic_report (
    id                  uuid         primary key,
    period              varchar(7)   not null,              -- yyyy-MM or yyyy-Qn
    agency_code         varchar(35),
    agency_name         varchar(300),
    status              varchar(12)  not null check (status in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
    figures             jsonb        not null,
    pdf                 bytea        not null,
    xlsx                bytea        not null,
    process_instance_id varchar(64)  not null,
    created_at          timestamptz  not null default now(),
    approved_by         varchar(100),
    published_at        timestamptz
);
create unique index periodic_report_once on lgsp.periodic_report (period, coalesce(agency_code, '')) where status <> 'WITHDRAWN';
create index periodic_report_published on lgsp.periodic_report (published_at desc) where status = 'PUBLISHED';

-- A period is drafted by one process at a time: the monthly timer, a quarter's start and DOST's
-- request meet here; a withdrawn period is released to be drafted again
create table lgsp.periodic_report_period (
    period              varchar(7)   primary key,
    process_instance_id varchar(64)  not null,
    claimed_at          timestamptz  not null default now()
);
