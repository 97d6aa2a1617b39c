-- Clocks kept in sync (Đ7.4, R-04): each level-1 check reads the system's clock from the time its
-- status answer carries. The last check's skew is kept with the system's state (null: that check
-- could not read one); every check's skew is in its status document (Elasticsearch).
alter table connection_state
    add column last_clock_skew_ms      bigint,
    add column clock_checks_beyond     integer not null default 0,
    add column clock_checks_within     integer not null default 0;

-- A clock off is an incident of its own kind, open beside one about the system answering: each
-- may be open once per system, so a skewed clock neither hides an outage nor is closed by one.
drop index incident_one_open;
create unique index incident_one_open on incident (agency_code) where status = 'OPEN' and kind <> 'CLOCK_SKEW';
create unique index incident_one_open_clock_skew on incident (agency_code) where status = 'OPEN' and kind = 'CLOCK_SKEW';
