-- Every EIP-3009 authorization a generation holds (payer and nonce, lower case), for matching the token's transfer
-- logs in the reconciliation report; 30 days covers any block window an RPC will search.
SELECT lower(payer) AS payer, lower(payment_nonce) AS nonce
  FROM generation
 WHERE payment_nonce IS NOT NULL AND created_at > now() - interval '30 days'
