-- Calls per window, shared by every node (agency API limits and gateway quotas): one row per
-- counted key and fixed window, created and incremented by a single upsert.
create table rate_window (
    counter_key   varchar(300) not null,
    window_start  timestamp with time zone not null,
    window_end    timestamp with time zone not null,
    used          bigint not null,
    primary key (counter_key, window_start)
);
create index rate_window_end on rate_window (window_end);

-- gateway_quota_bucket (the token buckets these replace) stays until a later release: nodes of
-- the previous version still use it while an upgrade rolls through the cluster
