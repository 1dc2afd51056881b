-- A failed attempt: try again after min(base * 2^(attempts-1), max), or park it as 'dead' after max-attempts
-- (GET /api/admin/webhooks lists it; POST .../replay sends it again).
UPDATE webhook_delivery
   SET status = CASE WHEN attempts >= CAST(:#${properties:app.webhooks.max-attempts} AS integer) THEN 'dead' ELSE 'pending' END,
       next_attempt_at = now() + LEAST(CAST(:#${properties:app.webhooks.backoff-base-ms} AS bigint) * power(2, GREATEST(attempts - 1, 0)),
                                       CAST(:#${properties:app.webhooks.backoff-max-ms} AS bigint)) * interval '1 millisecond',
       last_error = :#${variable.webhookError}
 WHERE id = :#${variable.delivery[id]}
