-- Cut-over from the core (DESIGN §11): links imported from its monitor_shares, and links owned by status pages.

-- The status pages that use a link, as [{"name": ..., "slug": ...}]; [] for a link an operator minted.
alter table shares add column used_by_pages jsonb not null default '[]'::jsonb
    constraint shares_used_by_pages_array check (jsonb_typeof(used_by_pages) = 'array');
-- Page-owned links do not count toward the plan caps; a stored flag keeps the cap counts plain comparisons.
alter table shares add column page_owned boolean generated always as (jsonb_array_length(used_by_pages) > 0) stored;

alter table share_audit drop constraint share_audit_action_check;
alter table share_audit add constraint share_audit_action_check
    check (action in ('share.created', 'share.revoked', 'share.imported'));
