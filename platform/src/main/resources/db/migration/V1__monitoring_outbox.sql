-- Transaction documents waiting to be shipped to Elasticsearch. Written in the same
-- database transaction as the business change they describe; deleted once indexed.
create table monitoring_outbox (
    id           bigserial primary key,
    document_id  varchar(64)  not null,
    index_name   varchar(120) not null,
    document     jsonb        not null,
    created_at   timestamptz  not null default now(),
    attempts     integer      not null default 0,
    last_error   text
);
