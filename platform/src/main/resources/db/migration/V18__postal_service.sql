-- Public postal service through VNPost (R-22, Decision 45/2016/QĐ-TTg): results returned by
-- post, and applications VNPost collected from citizens.

-- A procedure's result sent to the applicant by post. The recipient's name, phone and address
-- live here only while the shipment is under way, sealed like waiting records' content (R-03):
-- they are cleared when it ends, and what fee reconciliation needs (agency, service level,
-- items, fee, outcome) stays.
create table lgsp.postal_shipment (
    id                  uuid         primary key,
    agency_code         varchar(35)  not null,
    dossier_number      varchar(60)  not null,
    procedure_code      varchar(60)  not null,
    service_level       varchar(12)  not null check (service_level in ('STANDARD', 'EXPRESS')),
    request_hash        char(64)     not null,
    recipient_sealed    bytea,
    recipient_key       bytea,
    recipient_master_key varchar(64),
    province_code       varchar(10),
    ward_code           varchar(10),
    items               jsonb        not null,
    item_count          integer      not null,
    weight_grams        integer      not null,
    cod_amount          numeric(14)  not null default 0,
    fee_dong            bigint,
    tracking_number     varchar(13)  unique,
    status              varchar(16)  not null check (status in ('REQUESTED', 'ACCEPTED', 'PICKED_UP', 'IN_TRANSIT',
                                                                 'DELIVERY_FAILED', 'DELIVERED', 'RETURNED', 'NOT_SENT')),
    delivery_attempts   integer      not null default 0,
    refusal_reason      varchar(1000),
    delivery_due        timestamptz  not null,
    process_instance_id varchar(64),
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    ended_at            timestamptz,
    -- one shipment per dossier and agency: a retried request finds the first
    unique (agency_code, dossier_number)
);
create index postal_shipment_agency on lgsp.postal_shipment (agency_code, created_at desc);

-- Every status VNPost reported, in order; "notified_at" once the agency's system was told
create table lgsp.postal_shipment_event (
    shipment_id         uuid         not null references lgsp.postal_shipment (id),
    sequence            integer      not null,
    status              varchar(16)  not null,
    note                varchar(300),
    reported_at         timestamptz  not null,
    recorded_at         timestamptz  not null default now(),
    notified_at         timestamptz,
    primary key (shipment_id, sequence),
    -- VNPost retries its callbacks: the same status at the same moment is recorded once
    unique (shipment_id, status, reported_at)
);

-- An application VNPost collected and the LGSP delivers as a record exchange of its own channel
create table lgsp.postal_application (
    exchange_id         uuid         primary key references lgsp.exchange (id),
    application_number  varchar(30)  not null unique,
    tracking_number     varchar(13),
    created_at          timestamptz  not null default now(),
    vnpost_told_at      timestamptz
);
