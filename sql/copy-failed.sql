-- A failed attempt: try again after min(base * 2^(attempts-1), max); after app.storage.max-attempts, or at once when
-- the file can never be copied (variable copyRetry false: not a video, too large), it is parked 'failed' and the
-- answer keeps Kie.ai's link.
UPDATE stored_copy
   SET status = CASE WHEN attempts >= CAST(:#${properties:app.storage.max-attempts} AS integer)
                       OR CAST(:#${variable.copyRetry} AS boolean) = false THEN 'failed' ELSE 'pending' END,
       next_attempt_at = now() + LEAST(CAST(:#${properties:app.storage.backoff-base-ms} AS bigint) * power(2, GREATEST(attempts - 1, 0)),
                                       CAST(:#${properties:app.storage.backoff-max-ms} AS bigint)) * interval '1 millisecond',
       last_error = :#${variable.copyError}
 WHERE generation_id = :#${variable.copy[generation_id]} AND file_index = CAST(:#${variable.copy[file_index]} AS integer)
   AND status = 'pending'
