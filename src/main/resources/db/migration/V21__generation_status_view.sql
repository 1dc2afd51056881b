-- What a status answer is rendered from (GET /api/generate/{id}, and each item of GET /api/generations): one view, so
-- sql/select-generation.sql and sql/select-my-generations.sql read the same columns and cannot drift apart. The view
-- is inlined by the planner: a lookup by id or by (payer, created_at) still uses its index, and the two subqueries run
-- only for the rows returned.
CREATE VIEW generation_status AS
SELECT id, model, payer, type, state, kie_task_id, payment_key, payment_status, payment_error, read_token_hash, kie_state,
       result_urls::text AS result_urls, fail_code, fail_msg, credits_consumed, credits_remaining, price_usd, created_at,
       completed_at, queue_deadline,
       -- our own copies of the result files, one per index (80-storage.yaml)
       (SELECT json_agg(json_build_object('index', c.file_index, 'status', c.status, 'bytes', c.bytes, 'sha256', c.sha256,
                                          'contentType', c.content_type, 'storedAt', c.stored_at) ORDER BY c.file_index)
          FROM stored_copy c WHERE c.generation_id = g.id)::text AS copies,
       -- a queued generation's place in the create queue (1 = next), first come first created
       CASE WHEN state = 'queued' THEN (SELECT count(*) FROM generation q
                                         WHERE q.state = 'queued' AND (q.queued_at, q.id) <= (g.queued_at, g.id)) END AS queue_position
  FROM generation g;
