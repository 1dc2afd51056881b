-- The chain says the authorization was not used, and it can no longer be (expired), or no work was started for
-- it (no Kie.ai task): nothing was charged. The result, if any, is never released; the poller stops.
UPDATE generation
   SET payment_status = 'failed', next_reconcile_at = NULL, updated_at = now(),
       payment_error = CASE WHEN kie_task_id IS NULL THEN 'not_settled: no Kie.ai task was confirmed for this request; nothing was charged'
                            ELSE 'not_settled: the authorization expired unused; nothing was charged' END
 WHERE id = :#${variable.unconfirmed[id]} AND payment_status IN ('verified', 'settling', 'settle_unknown')
