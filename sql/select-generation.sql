SELECT id, model, type, state, kie_task_id, payment_key, payment_status, payment_error, read_token_hash, kie_state, result_urls::text AS result_urls, fail_code, fail_msg,
       credits_consumed, credits_remaining, price_usd, created_at, completed_at
  FROM generation
 WHERE id = :#${variable.generationId}
