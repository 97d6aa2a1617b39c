-- Work that must happen once per cluster, not once per node: when each agency system is next
-- due for its status check (claimed with SKIP LOCKED by whichever node is free), and the next
-- round of each periodic job (claimed by the first node to ask).
create table poll_schedule (
    agency_code    varchar(35)  primary key references agency_system (agency_code) on delete cascade,
    next_check_at  timestamptz  not null,
    claimed_by     varchar(100)
);
create index poll_schedule_due on poll_schedule (next_check_at);

create table cluster_job (
    name         varchar(100) primary key,
    next_run_at  timestamptz  not null,
    claimed_by   varchar(100),
    claimed_at   timestamptz
);
