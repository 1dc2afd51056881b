-- Queued generations whose deadline passed without a task (the queue was longer than their payment's validity
-- allowed): failed, queue_expired, and their payment failed, never settled: nothing was charged. The statement
-- is fail-queued's, for every expired row at once (same transition, same columns). Returns their ids.
UPDATE generation
   SET state = 'failed', state_source = 'queue', fail_code = 'queue_expired',
       fail_msg = 'Kie.ai had no capacity for this task before its payment expired; nothing was charged',
       payment_status = CASE WHEN payment_status = 'verified' THEN 'failed' ELSE payment_status END,
       payment_error = CASE WHEN payment_status = 'verified' THEN 'not_settled: queue_expired; nothing was charged'
                            ELSE payment_error END,
       completed_at = now(), updated_at = now()
 WHERE state = 'queued' AND queue_deadline <= now()
RETURNING id
