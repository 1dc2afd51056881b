-- Kie.ai has no capacity for this request now (no free create slot, or it answered 429): the row waits, 'queued',
-- its payment verified and held, never settled, until the create-queue job creates its task. Its deadline: the
-- payment's validBefore less app.queue.settle-margin-ms (time left to settle once the task exists); without a payment,
-- app.queue.max-wait-ms from now. Not queued (no row returned) when that deadline is already past: the caller then
-- hears 503 queue_full and the row is undone. Returns its place in the queue (1 = next).
UPDATE generation g
   SET state = 'queued', state_source = 'queue', queued_at = now(), updated_at = now(),
       kie_input = CAST(:#${variable.generation.kieInput} AS jsonb),
       queue_deadline = coalesce(to_timestamp(g.payment_valid_before)
                                     - CAST(:#${properties:app.queue.settle-margin-ms} AS bigint) * interval '1 millisecond',
                                 now() + CAST(:#${properties:app.queue.max-wait-ms} AS bigint) * interval '1 millisecond')
 WHERE g.id = :#${variable.generation.generationId} AND g.state = 'creating'
   AND coalesce(to_timestamp(g.payment_valid_before)
                    - CAST(:#${properties:app.queue.settle-margin-ms} AS bigint) * interval '1 millisecond',
                'infinity') > now()
RETURNING g.id, (SELECT count(*) FROM generation q WHERE q.state = 'queued') + 1 AS queue_position
