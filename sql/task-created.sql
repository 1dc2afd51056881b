-- Kie.ai accepted the task: from now on the callback or the poller will finish it. A verified payment is settled
-- next (payment-settle, right after this statement): the row says 'settling' from here, since the money may move
-- from the next step on (one statement instead of two on the paid path).
UPDATE generation
   SET state = 'pending', state_source = 'create', kie_task_id = :#${variable.kieTaskId},
       payment_status = CASE WHEN payment_status = 'verified' THEN 'settling' ELSE payment_status END,
       task_created_at = now(), updated_at = now(),
       next_poll_at = now() + CAST(:#${properties:app.poll.grace-ms} AS integer) * interval '1 millisecond'
 WHERE id = :#${variable.generation.generationId} AND state = 'creating'
