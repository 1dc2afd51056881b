-- Secrets every instance on this database shares, made once by the first instance that starts. read-token: the
-- key of the access tokens, which are derived from the payment (HMAC), so a payment sent again gets the same one.
CREATE TABLE gateway_secret (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
