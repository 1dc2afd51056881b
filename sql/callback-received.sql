-- Note the callback on the task it names, and decide in the same statement whether it may cost a recordInfo:
-- at most one per app.callback.confirm-interval-ms per task. A callback inside the interval is acknowledged, not
-- confirmed: it only pulls the poller's next check in to the end of the interval, so its hint is never lost.
-- (SET expressions read the row as it was before this statement.)
UPDATE generation
   SET callback_at = coalesce(callback_at, now()),
       callback_count = callback_count + 1,
       callback_confirmed_at = CASE WHEN callback_confirmed_at IS NULL OR callback_confirmed_at < now() - i.confirm_interval
                                    THEN now() ELSE callback_confirmed_at END,
       next_poll_at = CASE WHEN callback_confirmed_at IS NULL OR callback_confirmed_at < now() - i.confirm_interval
                           THEN next_poll_at
                           ELSE least(next_poll_at, callback_confirmed_at + i.confirm_interval) END
  FROM (SELECT CAST(:#${properties:app.callback.confirm-interval-ms} AS bigint) * interval '1 millisecond' AS confirm_interval) i
 WHERE kie_task_id = :#${variable.kieTaskId}
RETURNING id, state, kie_family, callback_confirmed_at = now() AS confirm,
          options::text AS options,
          -- nothing left to learn: completed, failed by Kie.ai itself, or refunded with its late success booked (a
          -- generation we gave up on, for time or unreadable status, may still have been made: that one is worth a look)
          state = 'completed' OR (state = 'failed' AND state_source <> 'timeout')
              OR delivered_after_refund_at IS NOT NULL AS nothing_to_learn
