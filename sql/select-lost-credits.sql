-- Kie.ai credits spent on work nobody paid for (view lost_credits), newest first, bounded.
SELECT generation_id, kie_task_id, model, kie_model, credits_consumed, payer, amount_atomic::text AS amount_atomic, network,
       payment_error, state, to_char(task_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS task_created_at
  FROM lost_credits
 ORDER BY updated_at DESC
 LIMIT CAST(:#${properties:app.admin.report-limit} AS integer)
