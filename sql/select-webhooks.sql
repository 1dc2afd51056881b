-- Webhook deliveries by status (dead by default), newest first, bounded.
SELECT id, webhook_id, generation_id, final_state, url, status, attempts, last_error,
       to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_attempt_at,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS delivered_at
  FROM webhook_delivery
 WHERE status = :#${variable.webhookStatus}
 ORDER BY created_at DESC
 LIMIT CAST(:#${properties:app.admin.report-limit} AS integer)
