-- Share links: one row per minted capability URL /m/{token}. The token itself is never stored in clear when a
-- KEK is configured: token_hash serves the public lookup, token_sealed the operator's re-copy.
create table shares (
    id              uuid        primary key,
    org             text        not null,
    target_id       uuid        not null,
    label           text,
    token_hash      text        not null check (token_hash ~ '^[0-9a-f]{64}$'),
    token_sealed    text        not null,
    created_by      text,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    revoked_by      text,
    revoke_reason   text,
    view_count      bigint      not null default 0,
    last_viewed_at  timestamptz,
    constraint shares_label_length check (label is null or char_length(label) between 1 and 80),
    constraint shares_token_hash_unique unique (token_hash),
    constraint shares_revoke_reason_known check (revoke_reason is null or revoke_reason in ('revoked', 'target_deleted')),
    constraint shares_view_count_non_negative check (view_count >= 0)
);

-- Operator list of one monitor's links, newest first (all states).
create index shares_org_target_created_idx on shares (org, target_id, created_at desc);
-- Cap counting: live links per (org, target) and distinct shared monitors per org. Partial: revoked rows never count.
create index shares_live_org_target_idx on shares (org, target_id, expires_at) where revoked_at is null;

-- Plan limits owned by this service (the core's plans table is not reachable from here).
create table plans (
    id                           text primary key,
    max_share_links_per_monitor  int  not null check (max_share_links_per_monitor >= 0),
    max_shared_monitors          int  not null check (max_shared_monitors >= 0)
);

insert into plans (id, max_share_links_per_monitor, max_shared_monitors) values
    ('free', 1, 2),
    ('founding', 3, 5),
    ('pro', 3, 5),
    ('team', 5, 10);

-- Per-org overrides: a non-null column replaces the plan's value until expires_at (null = permanent).
create table plan_overrides (
    org                          text        primary key,
    max_share_links_per_monitor  int         check (max_share_links_per_monitor >= 0),
    max_shared_monitors          int         check (max_shared_monitors >= 0),
    expires_at                   timestamptz,
    reason                       text,
    created_at                   timestamptz not null default now()
);

-- Audit trail, written in the same transaction as the change it records.
create table share_audit (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    org         text        not null,
    action      text        not null check (action in ('share.created', 'share.revoked')),
    actor       text,
    share_id    uuid        not null,
    target_id   uuid        not null,
    reason      text
);
create index share_audit_org_at_idx on share_audit (org, at desc);
