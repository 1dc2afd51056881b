-- The generation a callback's ?generation= names, if it still waits for its task (its createTask answer was lost)
-- and could still be delivered (its payment has not failed, it was not refunded): which Kie.ai family to ask about
-- the task before adopting it. Anyone can send such a callback, with any task id, and each look costs a recordInfo:
-- at most one per generation per app.callback.confirm-interval-ms. confirm = false inside the interval, with the
-- seconds until the next look may be made. (SET expressions read the row as it was before this statement.)
UPDATE generation
   SET callback_confirmed_at = CASE WHEN callback_confirmed_at IS NULL OR callback_confirmed_at < now() - i.confirm_interval
                                    THEN now() ELSE callback_confirmed_at END
  FROM (SELECT CAST(:#${properties:app.callback.confirm-interval-ms} AS bigint) * interval '1 millisecond' AS confirm_interval) i
 WHERE id = :#${variable.adoptGenerationId} AND kie_task_id IS NULL AND state IN ('creating', 'unconfirmed', 'failed')
   AND coalesce(payment_status, 'none') NOT IN ('failed', 'unpaid') AND refund_tx IS NULL
RETURNING id, kie_family, options::text AS options,
          callback_confirmed_at = now() AS confirm,
          greatest(1, ceil(extract(epoch FROM callback_confirmed_at + i.confirm_interval - now())))::integer AS retry_after_seconds
