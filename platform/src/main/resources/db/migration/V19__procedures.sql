-- Procedures analysts own (Đ6.1.3.b–c): models deployed from Camunda Modeler run in the test
-- environment until a DOST leader other than the analyst approves them for production.

-- One row per deployment an analyst made (the platform's own deployments have none): where it
-- stands, who made it, who decided, and what it touches, as shown to the reviewing leader.
create table lgsp.model_release (
    deployment_id   varchar(64)   primary key,
    deployment_name varchar(255),
    deployed_by     varchar(255)  not null,
    deployed_at     timestamptz   not null default now(),
    state           varchar(12)   not null check (state in ('TESTING', 'APPROVED', 'REJECTED')),
    -- the models of the deployment and what they reach: agencies, blocks, decisions, forms
    summary         jsonb         not null,
    -- the decision tables' own test cases, run against the new version before it can be approved
    checks_passed   boolean       not null default true,
    review_instance varchar(64),
    decided_by      varchar(255),
    decided_at      timestamptz,
    decision_note   varchar(2000)
);

-- The version of a model that production runs, when DOST chose it (approval or reactivation);
-- without a row, the latest version the platform deployed itself runs.
create table lgsp.model_in_production (
    model_key     varchar(255) not null,
    kind          varchar(10)  not null check (kind in ('PROCESS', 'DECISION')),
    definition_id varchar(64)  not null,
    version       integer      not null,
    deployment_id varchar(64)  not null,
    since         timestamptz  not null default now(),
    set_by        varchar(255) not null,
    primary key (model_key, kind)
);

-- A case of a procedure: started once per case number by the owning agency (or its staff), in
-- the test or the production environment. The dossier's documents wait sealed in
-- procedure_case_document and go when the case ends (R-03).
create table lgsp.procedure_case (
    id                  uuid          primary key,
    procedure_key       varchar(255)  not null,
    definition_id       varchar(64)   not null,
    case_number         varchar(60)   not null,
    owner_code          varchar(35)   not null,
    environment         varchar(10)   not null check (environment in ('TEST', 'PRODUCTION')),
    request_hash        char(64)      not null,
    status              varchar(12)   not null check (status in ('RUNNING', 'COMPLETED', 'ENDED')),
    process_instance_id varchar(64),
    started_by          varchar(255)  not null,
    started_at          timestamptz   not null default now(),
    ended_at            timestamptz,
    unique (procedure_key, environment, case_number)
);
create index procedure_case_instance on lgsp.procedure_case (process_instance_id);

create table lgsp.procedure_case_document (
    case_id          uuid         not null references lgsp.procedure_case (id) on delete cascade,
    name             varchar(100) not null,
    content_type     varchar(100) not null,
    sha256           char(64)     not null,
    sealed           bytea        not null,
    wrapped_key      bytea        not null,
    master_key_id    varchar(64)  not null,
    primary key (case_id, name)
);

-- The agencies that take part in a case (the owner, every agency a record went to, every
-- agency whose staff hold a step): they, and only they, may read its status and timeline.
create table lgsp.procedure_case_step (
    case_id      uuid          not null references lgsp.procedure_case (id) on delete cascade,
    seq          bigserial,
    agency_code  varchar(35)   not null,
    step         varchar(255)  not null,
    kind         varchar(20)   not null,
    started_at   timestamptz   not null default now(),
    ended_at     timestamptz,
    outcome      varchar(20),
    reference    varchar(255),
    primary key (case_id, seq)
);
create index procedure_case_step_agency on lgsp.procedure_case_step (agency_code, case_id);
