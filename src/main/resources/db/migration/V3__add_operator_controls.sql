-- Operator controls beyond revoke (DESIGN §2 "More operator calls", §7 expiry policy): pause, embed origins, the
-- audit actions of edits, per-plan and per-org expiry policy, and viewer statistics that never store who viewed.
-- V2 belongs to the cut-over import (used_by_pages, share.imported); this migration lists every audit action.

-- A paused link stops working on every public route until resumed, with the same token. It is still live: it lists
-- and holds its cap slot, so the cap queries (revoked_at / expires_at) deliberately ignore this column.
alter table shares add column paused boolean not null default false;
-- Exact https origins allowed to frame the link (at most 5), space-separated, '' = none. Validated by the API.
alter table shares add column embed_origins text not null default ''
    constraint shares_embed_origins_shape check (embed_origins ~ '^(https://[^ /]+( https://[^ /]+){0,4})?$');

-- Bulk revokes (POST /api/v1/shares/revoke) record 'bulk' on the row; the audit row carries the selector.
alter table shares drop constraint if exists shares_revoke_reason_known;
alter table shares add constraint shares_revoke_reason_known
    check (revoke_reason is null or revoke_reason in ('revoked', 'target_deleted', 'bulk'));

-- The org-wide list: every link of an org, newest first, keyset-paged on (created_at, id).
create index shares_org_created_idx on shares (org, created_at desc, id desc);

-- Whatever V1/V2 named the action check, drop it, so exactly this list is in force.
do $$
declare c record;
begin
    for c in select conname from pg_constraint where conrelid = 'share_audit'::regclass and contype = 'c'
                 and pg_get_constraintdef(oid) like '%action%' loop
        execute format('alter table share_audit drop constraint %I', c.conname);
    end loop;
end $$;
alter table share_audit add constraint share_audit_action_check check (action in (
    'share.created', 'share.updated', 'share.paused', 'share.resumed', 'share.revoked', 'share.imported'));
-- What an edit changed, or the operator's reason of a bulk revoke: a JSON object as text, or null.
alter table share_audit add column details text;
-- The audit list: newest first per org, keyset-paged on id; and filtered by share.
create index share_audit_org_id_idx on share_audit (org, id desc);
create index share_audit_share_idx on share_audit (share_id, id desc);

-- Expiry policy in seconds (null = none). Seeded plans carry neither: a link without expiry lives until revoked.
alter table plans add column default_share_ttl bigint check (default_share_ttl > 0);
alter table plans add column max_share_ttl bigint check (max_share_ttl > 0);
alter table plans add constraint plans_default_ttl_within_max
    check (default_share_ttl is null or max_share_ttl is null or default_share_ttl <= max_share_ttl);
alter table plan_overrides add column default_share_ttl bigint check (default_share_ttl > 0);
alter table plan_overrides add column max_share_ttl bigint check (max_share_ttl > 0);

-- Viewer statistics. Per link and UTC day: human page views, unique viewers, link-preview bot fetches.
create table share_view_days (
    share_id        uuid   not null,
    day             date   not null,
    views           bigint not null default 0 check (views >= 0),
    unique_viewers  bigint not null default 0 check (unique_viewers >= 0),
    bot_views       bigint not null default 0 check (bot_views >= 0),
    primary key (share_id, day)
);

-- The day's random salt, one row per UTC day, shared by every replica; deleted as soon as the day is over, after
-- which that day's viewer hashes can no longer be linked to anyone.
create table viewer_salts (
    day   date  primary key,
    salt  bytea not null check (octet_length(salt) = 32)
);

-- Today's viewers as HMAC-SHA256(day salt, client IP, User-Agent): only to count each viewer once a day across
-- replicas. Never an IP or a User-Agent. Rows of a past day are deleted together with its salt.
create table share_viewer_marks (
    share_id  uuid  not null,
    day       date  not null,
    viewer    bytea not null check (octet_length(viewer) = 32),
    primary key (share_id, day, viewer)
);
