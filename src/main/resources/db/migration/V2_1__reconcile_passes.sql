-- Periodic passes that one replica runs on behalf of all (share.TargetReconciler): when each was last claimed.
-- A replica claims a pass by moving claimed_at forward, which only succeeds once per interval; the pass's own
-- work (HTTP calls to the core) then runs outside any transaction and holds no lock.
create table reconcile_passes (
    name        text        primary key,
    claimed_at  timestamptz not null
);
