-- The core's tables that the README's export reads ("Moving links from the core"), for CoreExportCutoverTest.
-- monitor_shares is CORE-REFERENCE §2.1's CREATE TABLE text, column for column, with its constraints, index and
-- same-org trigger; organizations is §4's org model (slug CITEXT, 3-30 of [a-z0-9-], leading letter, no "--").
-- targets and users carry only the columns the foreign keys and the trigger need. status_pages(name, slug) and
-- status_page_components(status_page_id) are not in the reference (the README says so); share_id and
-- detail_link_enabled on status_page_components are §2.1's "related status-page columns".

create extension if not exists citext;

create table organizations (
    id          uuid primary key default gen_random_uuid(),
    slug        citext not null unique
                check (slug ~ '^[a-z][a-z0-9-]{2,29}$' and slug !~ '--'),
    name        text not null,
    deleted_at  timestamptz,
    account_id  uuid not null
);

create table users (
    id uuid primary key default gen_random_uuid()
);

create table targets (
    id            uuid primary key default gen_random_uuid(),
    org_id        uuid not null references organizations(id) on delete cascade,
    name          text not null,
    plan_hold_at  timestamptz
);

create function assert_target_in_same_org() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from targets t where t.id = new.target_id and t.org_id = new.org_id) then
        raise exception 'target % is not in org %', new.target_id, new.org_id;
    end if;
    return new;
end;
$$;

create table monitor_shares (
    id                   uuid primary key default gen_random_uuid(),
    org_id               uuid not null references organizations(id) on delete cascade,
    target_id            uuid not null references targets(id) on delete cascade,
    token_hash           text not null unique,
    token_enc            text not null,
    label                text,
    created_by           uuid references users(id) on delete set null,
    created_at           timestamptz not null default now(),
    expires_at           timestamptz,
    revoked_at           timestamptz,
    view_count           bigint not null default 0,
    last_viewed_at       timestamptz,
    view_style           text not null default 'default',
    custom_css           text,
    custom_css_compiled  text,
    custom_css_enabled   boolean not null default false,
    constraint monitor_shares_label_length check (label is null or char_length(label) between 1 and 80),
    constraint monitor_shares_view_style_known check (view_style in ('default','classic','terminal','winter','dark',
        'night','dim','nord','dracula','corporate','light','cupcake','cyberpunk','synthwave')),
    constraint monitor_shares_custom_css_length check (custom_css is null or char_length(custom_css) <= 20000)
);

create index idx_monitor_shares_target on monitor_shares (org_id, target_id);

create trigger trg_monitor_shares_target_org before insert or update of target_id, org_id on monitor_shares
    for each row execute function assert_target_in_same_org();

create table status_pages (
    id      uuid primary key default gen_random_uuid(),
    org_id  uuid not null references organizations(id) on delete cascade,
    name    text not null,
    slug    citext not null unique
);

create table status_page_components (
    id                   uuid primary key default gen_random_uuid(),
    status_page_id       uuid not null references status_pages(id) on delete cascade,
    target_id            uuid not null references targets(id) on delete cascade,
    detail_link_enabled  boolean not null default false,
    share_id             uuid references monitor_shares(id) on delete set null
);
