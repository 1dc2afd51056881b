SELECT id, model, type, state, kie_task_id, payment_key, payment_status, payment_error, read_token_hash, kie_state, result_urls::text AS result_urls, fail_code, fail_msg,
       credits_consumed, credits_remaining, price_usd, created_at, completed_at, queue_deadline,
       -- a queued generation's place in the create queue (1 = next), first come first created
       CASE WHEN state = 'queued' THEN (SELECT count(*) FROM generation q
                                         WHERE q.state = 'queued' AND (q.queued_at, q.id) <= (g.queued_at, g.id)) END AS queue_position
  FROM generation g
 WHERE id = :#${variable.generationId}
