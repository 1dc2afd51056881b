-- Requests that stopped between writing their row and hearing Kie.ai's createTask answer (the instance stopped, or
-- the answer was lost). A 'creating' row older than any live createTask can be (twice app.kie.connect-timeout-ms,
-- for the pool wait and the connect, + app.kie.response-timeout-ms + 5 s) becomes 'unconfirmed': Kie.ai may have started its task, and its callback
-- would name the generation (adopt-task.sql). An unconfirmed row fails, uncharged, once the adopt window closes,
-- its payment can no longer be settled, or its payment failed. Uses generation_creating_idx. A row the create-queue
-- job took from the queue counts from when its createTask went out (creating_since), not from when it was written.
UPDATE generation
   SET state = CASE WHEN w.closed THEN 'failed' ELSE 'unconfirmed' END,
       state_source = CASE WHEN w.closed THEN 'timeout' ELSE state_source END,
       fail_code = CASE WHEN w.closed THEN 'interrupted' END,
       fail_msg = CASE WHEN w.closed THEN 'Kie.ai never confirmed the task; nothing was charged' END,
       completed_at = CASE WHEN w.closed THEN now() END,
       next_reconcile_at = CASE WHEN w.closed THEN now() ELSE next_reconcile_at END,  -- its payment can be failed now
       updated_at = now()
  FROM (SELECT g.id,
               g.created_at < now() - CAST(:#${properties:app.kie.adopt-window-ms} AS bigint) * interval '1 millisecond'
               OR g.payment_status IN ('failed', 'unpaid')
               OR g.payment_valid_before < extract(epoch FROM now()) AS closed
          FROM generation g
         WHERE g.state IN ('creating', 'unconfirmed')
           AND coalesce(g.creating_since, g.created_at) < now() - (2 * CAST(:#${properties:app.kie.connect-timeout-ms} AS bigint)
                                       + CAST(:#${properties:app.kie.response-timeout-ms} AS bigint) + 5000) * interval '1 millisecond') w
 WHERE generation.id = w.id
   AND (w.closed OR generation.state = 'creating')
