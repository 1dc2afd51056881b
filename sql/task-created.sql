-- Kie.ai accepted the task: from now on the callback or the poller will finish it. A verified payment is settled
-- next (payment-settle, right after this statement): the row says 'settling' from here, since the money may move
-- from the next step on (one statement instead of two on the paid path).
-- Committed without waiting for the disk flush (synchronous_commit off for this one transaction): only a crash of
-- PostgreSQL itself in the next fraction of a second could lose it, and then the durable row from
-- insert-generation.sql still holds the signed payment: the reconciler asks the chain, Kie.ai's callback adopts
-- the task. It saves one WAL flush (milliseconds) on every paid request.
-- Its create slot (take-create-slot.sql, claim-queued-generations.sql) counts from now, when the answer came: Kie.ai
-- counted the create at some moment between the take and now, so the window never frees early on Kie.ai's clock.
WITH slot_counted_from_answer AS (
    UPDATE kie_create_slot SET used_at = clock_timestamp() WHERE generation_id = :#${variable.generation.generationId})
UPDATE generation
   SET state = 'pending', state_source = 'create', kie_task_id = :#${variable.kieTaskId},
       payment_status = CASE WHEN payment_status = 'verified' THEN 'settling' ELSE payment_status END,
       task_created_at = now(), updated_at = now(),
       next_poll_at = now() + CAST(:#${properties:app.poll.grace-ms} AS integer) * interval '1 millisecond'
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
 WHERE id = :#${variable.generation.generationId} AND state = 'creating'
