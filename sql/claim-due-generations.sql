-- The poller's claim: take up to batch-size live generations whose next check is due, and push their next
-- check out by exponential backoff in the same statement. SKIP LOCKED + the pushed due time mean that two
-- bundle instances on one database never check the same generation at the same time.
UPDATE generation g
   SET poll_count = g.poll_count + 1,
       last_poll_at = now(),
       next_poll_at = now() + LEAST(CAST(:#${properties:app.poll.backoff-base-ms} AS bigint) * power(2, LEAST(g.poll_count, 20)),
                                    CAST(:#${properties:app.poll.backoff-max-ms} AS bigint)) * interval '1 millisecond'
 WHERE g.id IN (SELECT id FROM generation
                 WHERE state IN ('pending', 'processing')
                   AND kie_task_id IS NOT NULL
                   AND next_poll_at <= now()
                 ORDER BY next_poll_at
                 LIMIT CAST(:#${properties:app.poll.batch-size} AS integer)
                 FOR UPDATE SKIP LOCKED)
RETURNING g.id, g.kie_task_id, g.poll_count, g.poll_errors,
          g.created_at < now() - CAST(:#${properties:app.poll.max-age-ms} AS bigint) * interval '1 millisecond' AS too_old
