-- The receiver answered 2xx.
UPDATE webhook_delivery SET status = 'delivered', delivered_at = now(), last_error = NULL
 WHERE id = :#${variable.delivery[id]}
