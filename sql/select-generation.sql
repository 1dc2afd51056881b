-- One generation as GET /api/generate/{id} answers it (the columns: view generation_status, V21).
SELECT * FROM generation_status WHERE id = :#${variable.generationId}
