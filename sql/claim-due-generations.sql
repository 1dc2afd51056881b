-- The poller's claim: lease up to batch-size live generations whose next check is due and that no other
-- instance holds, and push their next check out by exponential backoff, in one statement. SKIP LOCKED keeps two
-- instances from waiting on each other; the lease (claimed_by, claimed_until) keeps them from checking the
-- same generation until this instance releases it (release-claim.sql) or app.poll.lease-ms passes.
UPDATE generation g
   SET poll_count = g.poll_count + 1,
       last_poll_at = now(),
       claimed_by = :#${properties:app.instance-id},
       claimed_until = now() + CAST(:#${properties:app.poll.lease-ms} AS bigint) * interval '1 millisecond',
       next_poll_at = now() + LEAST(CAST(:#${properties:app.poll.backoff-base-ms} AS bigint) * power(2, LEAST(g.poll_count, 20)),
                                    CAST(:#${properties:app.poll.backoff-max-ms} AS bigint)) * interval '1 millisecond'
 WHERE g.id IN (SELECT id FROM generation
                 WHERE state IN ('pending', 'processing')
                   AND kie_task_id IS NOT NULL
                   AND payment_status IS DISTINCT FROM 'failed'  -- unpaid work stops: nothing will be delivered
                   AND next_poll_at <= now()
                   -- or leased by this instance itself: its poller never runs twice at once (Quartz, stateful), so a
                   -- lease of its own at claim time is one it could not give back (the database went away mid-check)
                   AND (claimed_until IS NULL OR claimed_until < now() OR claimed_by = :#${properties:app.instance-id})
                 ORDER BY next_poll_at
                 LIMIT CAST(:#${properties:app.poll.batch-size} AS integer)
                 FOR UPDATE SKIP LOCKED)
RETURNING g.id, g.kie_task_id, g.kie_family, g.poll_count, g.poll_errors,
          g.options::text AS options,
          g.created_at < now() - CAST(:#${properties:app.poll.max-age-ms} AS bigint) * interval '1 millisecond' AS too_old
