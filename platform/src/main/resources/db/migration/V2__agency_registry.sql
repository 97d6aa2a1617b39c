-- Agencies by electronic identifier code (R-06). A body that is renamed, split, merged or
-- dissolved keeps its row, closed, with links to the bodies that took over.
create table agency (
    code            varchar(35)  primary key,
    name            varchar(300) not null,
    english_name    varchar(300),
    level           smallint     not null check (level between 0 and 4),
    parent_code     varchar(35)  references agency (code),
    status          varchar(10)  not null check (status in ('ACTIVE', 'CLOSED')),
    valid_from      date         not null,
    valid_to        date,
    closure_reason  varchar(10)  check (closure_reason in ('RENAMED', 'SPLIT', 'MERGED', 'DISSOLVED')),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    check (valid_to is null or valid_to > valid_from),
    check ((status = 'CLOSED') = (valid_to is not null))
);
create index agency_parent on agency (parent_code);

create table agency_succession (
    predecessor_code varchar(35) not null references agency (code),
    successor_code   varchar(35) not null references agency (code),
    effective_date   date        not null,
    primary key (predecessor_code, successor_code)
);

-- Administrative units (shared category list, R-12), versioned by validity dates.
create table administrative_unit (
    code         varchar(10)  primary key,
    name         varchar(200) not null,
    unit_type    varchar(20)  not null check (unit_type in ('PROVINCE', 'WARD', 'COMMUNE', 'SPECIAL_ZONE')),
    parent_code  varchar(10)  references administrative_unit (code),
    valid_from   date         not null,
    valid_to     date
);
