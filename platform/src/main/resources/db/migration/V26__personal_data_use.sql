-- Citizens see who used their data (Law 91/2025/QH15, Decree 13/2023): the journal's gateway
-- calls, the record exchanges naming them as applicant and the postal shipments for them are
-- found by the same keyed hash of their identifier; the identifier itself is never stored.

-- (the journal's index by subject is built without blocking the journal: V29)

alter table lgsp.exchange add column applicant_hash char(64);
create index exchange_applicant on lgsp.exchange (applicant_hash, created_at) where applicant_hash is not null;

alter table lgsp.postal_shipment add column recipient_hash char(64);
create index postal_shipment_recipient on lgsp.postal_shipment (recipient_hash, created_at)
    where recipient_hash is not null;

-- A citizen's report that an entry was a misuse of their data, and DOST's answer. The citizen's
-- identifier only as the keyed hash; DOST answers on the citizen's page.
create table lgsp.data_use_report (
    id                  uuid          primary key,
    subject_hash        char(64)      not null,
    entry_kind          varchar(20)   not null check (entry_kind in ('GATEWAY_CALL', 'RECORD_EXCHANGE', 'POSTAL_SHIPMENT')),
    entry_reference     varchar(64)   not null,
    entry_at            timestamptz   not null,
    agency_code         varchar(35),
    service_code        varchar(60),
    message             varchar(2000) not null,
    status              varchar(10)   not null check (status in ('OPEN', 'ANSWERED')),
    answer              varchar(2000),
    answered_by         varchar(120),
    created_at          timestamptz   not null default now(),
    answered_at         timestamptz,
    process_instance_id varchar(64),
    -- one report per entry: a second click finds the first
    unique (subject_hash, entry_kind, entry_reference)
);
create index data_use_report_subject on lgsp.data_use_report (subject_hash, created_at desc);
