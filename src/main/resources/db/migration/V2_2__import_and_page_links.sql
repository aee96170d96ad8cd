-- Cut-over from the core (DESIGN §11): links imported from its monitor_shares, and links owned by status pages.

-- The status pages that use a link, as the JSON text [{"name": ..., "slug": ...}]; '[]' for a link an operator
-- minted. Text holding JSON rather than jsonb: Hibernate Reactive binds a JSON-typed attribute only as a JSON object,
-- never an array, so the entity maps this column as a string (share.PageRefs converts it).
alter table shares add column used_by_pages text not null default '[]'
    constraint shares_used_by_pages_array check (jsonb_typeof(used_by_pages::jsonb) = 'array');
-- Page-owned links do not count toward the plan caps; a stored flag keeps the cap counts plain comparisons.
alter table shares add column page_owned boolean generated always as (jsonb_array_length(used_by_pages::jsonb) > 0) stored;

alter table share_audit drop constraint share_audit_action_check;
alter table share_audit add constraint share_audit_action_check
    check (action in ('share.created', 'share.revoked', 'share.imported'));
