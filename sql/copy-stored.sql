-- The file is in the store (variable fetched: its size, SHA-256 and content type; variable storageKey).
UPDATE stored_copy
   SET status = 'stored', stored_at = now(), last_error = NULL, storage_key = :#${variable.storageKey},
       bytes = CAST(:#${variable.fetched.bytes} AS bigint), sha256 = :#${variable.fetched.sha256},
       content_type = :#${variable.fetched.contentType}
 WHERE generation_id = :#${variable.copy[generation_id]} AND file_index = CAST(:#${variable.copy[file_index]} AS integer)
   AND status = 'pending'
