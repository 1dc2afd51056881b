-- GET /api/generations: the signed-in wallet's generations (variable signIn), newest first, one page: after the
-- cursor's row (variable page.after, a generation id; null for the first page), page.limit rows and one more, which
-- only says whether another page follows. The columns of select-generation.sql, so each item renders as GET
-- /api/generate/{id} answers. Index generation_payer_created_idx (V20).
SELECT id, model, payer, type, state, kie_task_id, payment_key, payment_status, payment_error, read_token_hash, kie_state, result_urls::text AS result_urls, fail_code, fail_msg,
       credits_consumed, credits_remaining, price_usd, created_at, completed_at, queue_deadline,
       (SELECT json_agg(json_build_object('index', c.file_index, 'status', c.status, 'bytes', c.bytes, 'sha256', c.sha256,
                                          'contentType', c.content_type, 'storedAt', c.stored_at) ORDER BY c.file_index)
          FROM stored_copy c WHERE c.generation_id = g.id)::text AS copies,
       CASE WHEN state = 'queued' THEN (SELECT count(*) FROM generation q
                                         WHERE q.state = 'queued' AND (q.queued_at, q.id) <= (g.queued_at, g.id)) END AS queue_position
  FROM generation g
 WHERE g.payer = :#${variable.signIn.wallet}
   AND (CAST(:#${variable.page.after} AS text) IS NULL
        OR (g.created_at, g.id) < (SELECT a.created_at, a.id FROM generation a
                                    WHERE a.id = :#${variable.page.after} AND a.payer = :#${variable.signIn.wallet}))
 ORDER BY g.created_at DESC, g.id DESC
 LIMIT CAST(:#${variable.page.limit} AS integer) + 1
