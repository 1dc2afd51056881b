-- Spends the nonce of an accepted SIGN-IN-WITH-X proof (variable signIn): one row, or none when it was spent already
-- (CamelSqlUpdateCount 0: the proof is a replay, siwx_replayed).
INSERT INTO siwx_nonce (nonce, wallet, expires_at)
VALUES (:#${variable.signIn.nonce}, :#${variable.signIn.wallet}, :#${variable.signIn.nonceExpires})
ON CONFLICT (nonce) DO NOTHING
