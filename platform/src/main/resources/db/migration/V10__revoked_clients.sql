-- Clients whose credentials were revoked: their tokens stop working within seconds instead of
-- at their expiry (a token issued before revoked_at is refused).
create table revoked_client (
    client_id   varchar(255) primary key,
    revoked_at  timestamptz  not null default now()
);
