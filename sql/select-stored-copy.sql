-- One result file for GET /api/generate/{id}/files/{index}: the copy and what decides who may read it.
SELECT g.id, g.payer, g.state, g.payment_status, g.payment_error, g.read_token_hash, g.refund_tx,
       c.file_index, c.origin_url, c.status AS copy_status, c.storage_key, c.bytes, c.content_type, c.sha256
  FROM generation g LEFT JOIN stored_copy c ON c.generation_id = g.id AND c.file_index = CAST(:#${variable.fileIndex} AS integer)
 WHERE g.id = :#${variable.generationId}
