-- Spent nonces past their expiry: a proof with one is refused as expired anyway, so its row is no longer needed.
DELETE FROM siwx_nonce WHERE expires_at < now()
