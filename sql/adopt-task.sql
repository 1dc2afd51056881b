-- Kie.ai called back about a task whose createTask answer this bundle never heard; the callBackUrl named the
-- generation, and recordInfo's copy of the request confirmed it. The task becomes the generation's. If its payment
-- already failed for good, the row stays failed: the task is recorded (lost_credits), its result never delivered.
UPDATE generation
   SET kie_task_id = :#${variable.kieTaskId},
       state = CASE WHEN payment_status IN ('failed', 'unpaid') THEN 'failed' ELSE 'pending' END,
       state_source = CASE WHEN payment_status IN ('failed', 'unpaid') THEN state_source ELSE 'callback' END,
       fail_code = CASE WHEN payment_status IN ('failed', 'unpaid') THEN fail_code END,
       fail_msg = CASE WHEN payment_status IN ('failed', 'unpaid') THEN fail_msg END,
       completed_at = CASE WHEN payment_status IN ('failed', 'unpaid') THEN completed_at END,
       task_created_at = now(), callback_at = now(), callback_count = callback_count + 1, callback_confirmed_at = now(),
       next_poll_at = now() + CAST(:#${properties:app.poll.grace-ms} AS integer) * interval '1 millisecond',
       next_reconcile_at = now(), updated_at = now()
 WHERE id = :#${variable.adoptGenerationId} AND kie_task_id IS NULL AND state IN ('creating', 'unconfirmed', 'failed')
   AND refund_tx IS NULL  -- a refund is final: a refunded generation is never revived
RETURNING id, payer, payment_nonce, payment_status, kie_task_id, settle_request::text AS settle_request,
          payment_valid_before > extract(epoch FROM now()) + 10 AS still_valid
