-- The reconciler's claim: payments whose outcome is not known (the settle answer was lost), and payments left
-- verified or settling by a request that never finished (a crash, older than app.x402.reconcile-after-ms). Each
-- is looked at again after a growing pause; SKIP LOCKED keeps instances apart. A queued generation's payment is
-- the create-queue job's (expire-queued.sql fails it when its deadline passes), never this claim's.
UPDATE generation g
   SET reconcile_count = g.reconcile_count + 1,
       next_reconcile_at = now() + LEAST(CAST(:#${properties:app.x402.reconcile-interval-ms} AS bigint) * power(2, LEAST(g.reconcile_count, 10)),
                                         600000) * interval '1 millisecond'
 WHERE g.id IN (SELECT id FROM generation
                 WHERE payment_status IN ('verified', 'settling', 'settle_unknown')
                   AND state <> 'queued'  -- held for the create-queue job, which settles it once the task exists
                   AND (payment_status = 'settle_unknown'
                        OR updated_at < now() - CAST(:#${properties:app.x402.reconcile-after-ms} AS bigint) * interval '1 millisecond')
                   AND coalesce(next_reconcile_at, '-infinity') <= now()
                 ORDER BY updated_at
                 LIMIT 20
                 FOR UPDATE SKIP LOCKED)
RETURNING g.id, g.payer, g.payment_nonce, g.payment_key, g.payment_network, g.kie_task_id, g.settle_request::text AS settle_request,
          g.payment_valid_before > extract(epoch FROM now()) + 10 AS still_valid,
          -- nothing can come of it: expired, or no task and none coming (an unconfirmed createTask may still bring one)
          g.payment_valid_before < extract(epoch FROM now())
              OR (g.kie_task_id IS NULL AND g.state NOT IN ('creating', 'unconfirmed')) AS give_up
