-- The warehouse tables analysts query (shared/contracts.md, section 5).
-- Exports land in projects, milestones, positions and usage with proper types and
-- English enums; load_id points at the loads row that brought each row in.

create table if not exists loads (
    load_id       integer primary key,
    kind          varchar,
    file_name     varchar,
    sha256        varchar,
    rows          bigint,      -- rows accepted from the file
    replaced_rows bigint,      -- stored rows with the same key that the file replaced
    status        varchar,     -- loaded, rejected, duplicate; undone (a load later undone),
                               -- undo (the log row of an undo: rows removed, replaced_rows restored)
    message       varchar,     -- the errors (rejected) or warnings, in English
    loaded_at     timestamp,
    loaded_by     varchar
);

-- What else a load brought, one row per load that has either: the saved column mapping
-- it was read with, or, for an undo, the load it undid.
create table if not exists load_details (
    load_id integer primary key,
    mapping varchar,           -- sha256 of archive/mappings/<sha256>.toml
    undoes  integer            -- the load_id an undo row undid
);

create table if not exists projects (
    report_date      date,
    project_id       varchar,
    project_name     varchar,
    programme        varchar,
    aim              varchar,
    site             varchar,
    owner            varchar,
    phase            varchar,
    status           varchar,
    start_date       date,
    planned_end      date,
    forecast_end     date,
    budget_chf       double,
    spent_chf        double,
    percent_complete double,   -- 0 to 100
    comment          varchar,
    load_id          integer
);

create table if not exists milestones (
    project_id   varchar,
    milestone_id varchar,
    milestone    varchar,
    planned_date date,
    actual_date  date,
    load_id      integer
);

create table if not exists positions (
    position_id     varchar,
    role            varchar,
    team            varchar,
    site            varchar,
    fte             double,    -- 0 < fte <= 1
    status          varchar,
    opened_date     date,
    filled_date     date,
    programme       varchar,
    annual_cost_chf double,
    load_id         integer
);

create table if not exists usage (
    date       date,
    site       varchar,
    department varchar,        -- null: the whole site
    system     varchar,
    metric     varchar,
    value      double,
    load_id    integer
);

-- Reference data, refreshed from data/*.csv at every load and rebuild.
create table if not exists metrics (
    metric             varchar primary key,
    system             varchar,
    aim                varchar,
    unit               varchar,
    aggregation        varchar,  -- sum, max, mean or last
    label_en           varchar,
    label_fr           varchar,
    label_de           varchar,
    paper_metric       varchar,  -- the paper or legacy counterpart, if any
    minutes_saved_low  double,   -- staff minutes freed per unit
    minutes_saved_base double,
    minutes_saved_high double,
    source             varchar
);

create table if not exists targets (
    kpi        varchar,   -- a catalogue metric, or hours_freed
    scope      varchar,   -- all, a region (fr, de) or a site
    target     double,    -- a share 0-1 for metrics with a paper counterpart, else the value
    due_date   date,
    direction  varchar,   -- at_least or at_most
    note       varchar
);

create table if not exists sites (
    site   varchar primary key,
    region varchar,       -- fr or de: the language region
    centre varchar
);
