-- GET /api/generations: the signed-in wallet's generations (variable signIn), newest first, one page: after the
-- cursor's row (variable page.after, a generation id; null for the first page), page.limit rows and one more, which
-- only says whether another page follows. The view of select-generation.sql (generation_status, V21), so each item
-- renders as GET /api/generate/{id} answers. Index generation_payer_created_idx (V20).
SELECT s.*
  FROM generation_status s
 WHERE s.payer = :#${variable.signIn.wallet}
   AND (CAST(:#${variable.page.after} AS text) IS NULL
        OR (s.created_at, s.id) < (SELECT a.created_at, a.id FROM generation a
                                    WHERE a.id = :#${variable.page.after} AND a.payer = :#${variable.signIn.wallet}))
 ORDER BY s.created_at DESC, s.id DESC
 LIMIT CAST(:#${variable.page.limit} AS integer) + 1
