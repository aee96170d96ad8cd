-- Filler share rows for the resolve-latency figure (psql variables :first and :last, inclusive).
-- Realistic shape: many orgs and monitors, valid 64-hex token hashes (sha256 of the row number, never a real
-- token's hash), a tenth revoked, a seventh expiring, some labelled. The bench links are real minted rows.
insert into shares (id, org, target_id, label, token_hash, token_sealed, created_by, created_at, expires_at,
                    revoked_at, revoked_by, revoke_reason, view_count)
select gen_random_uuid(),
       'seed-' || (i % 20000),
       ('00000000-0000-4000-9000-' || lpad((i % 200000)::text, 12, '0'))::uuid,
       case when i % 3 = 0 then 'seeded link ' || i end,
       encode(sha256(i::text::bytea), 'hex'),
       'seed-row-no-token',
       'seed-user',
       now() - (i % 100000) * interval '1 minute',
       case when i % 7 = 0 then now() + interval '30 days' end,
       case when i % 10 = 0 then now() - interval '1 day' end,
       case when i % 10 = 0 then 'seed-user' end,
       case when i % 10 = 0 then 'revoked' end,
       i % 500
from generate_series(:first::bigint, :last::bigint) as i;
