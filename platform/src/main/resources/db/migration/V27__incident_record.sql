-- What an incident's handling leaves on record (Đ12.5, R-18): its severity as last graded (it is
-- graded again while the incident lasts), whether the fault was isolated and important data backed
-- up before fixing and by whom, the cause, and the report of an incident that touched several
-- agencies with whom it was sent to.
alter table lgsp.incident
    add column severity     varchar(10),
    add column graded_at    timestamptz,
    add column isolated_at  timestamptz,
    add column isolated_by  varchar(120),
    add column backed_up_at timestamptz,
    add column backed_up_by varchar(120),
    add column cause        varchar(2000),
    add column report       text,
    add column reported_at  timestamptz,
    add column reported_by  varchar(120),
    add column report_sent_to text;
create index incident_opened on lgsp.incident (opened_at desc);
