-- National category lists kept in versions (R-12, Đ6.1.2.b, Đ10.3): the administrative units, the
-- agencies' identifier codes and the national procedure codes are loaded from the published lists
-- (V21_1, from db/categories) and kept in sync with the national category service through NDXP.
-- A change never deletes: the old version of an entry closes on the effective date, the new one
-- opens, and the list stays readable at any date.

-- A unit may now have several versions (renamed, retyped, moved under another parent).
alter table administrative_unit drop constraint administrative_unit_parent_code_fkey;
alter table administrative_unit drop constraint administrative_unit_pkey;
alter table administrative_unit add column id bigserial primary key;
alter table administrative_unit add constraint administrative_unit_version unique (code, valid_from);
alter table administrative_unit add constraint administrative_unit_dates check (valid_to is null or valid_to > valid_from);
-- one open version per code
create unique index administrative_unit_open on administrative_unit (code) where valid_to is null;
create index administrative_unit_parent on administrative_unit (parent_code);

-- Who took over a unit that merged, split or was dissolved into others.
create table administrative_unit_succession (
    predecessor_code varchar(10) not null,
    successor_code   varchar(10) not null,
    effective_date   date        not null,
    change_kind      varchar(10) not null check (change_kind in ('MERGED', 'SPLIT', 'RENAMED', 'CLOSED')),
    primary key (predecessor_code, successor_code, effective_date)
);

-- National administrative procedure ids (e.g. 1.001193); a province writes them with its suffix.
create table procedure_code (
    code        varchar(20)  not null,
    name        varchar(600) not null,
    valid_from  date         not null,
    valid_to    date,
    primary key (code, valid_from),
    check (valid_to is null or valid_to > valid_from)
);
create unique index procedure_code_open on procedure_code (code) where valid_to is null;

-- Each version of a list: the published list it came from, or the national change set applied.
create table category_version (
    list_name      varchar(40)  not null,
    version        integer      not null,
    effective_date date         not null,
    applied_at     timestamptz  not null default now(),
    source         varchar(300) not null,
    summary        text         not null,
    primary key (list_name, version)
);

-- A change set the national service offered and the LGSP refused whole, with every problem named.
create table category_refusal (
    id          uuid         primary key,
    list_name   varchar(40)  not null,
    version     integer      not null,
    received_at timestamptz  not null default now(),
    problems    jsonb        not null
);
create index category_refusal_list on category_refusal (list_name, received_at desc);

alter table notice drop constraint notice_kind_check;
alter table notice add constraint notice_kind_check check (kind in ('NEW_VERSION', 'DEPRECATION', 'RETIREMENT',
    'RETIRED', 'MAINTENANCE', 'CATEGORY_CHANGE'));
