// What a person reads when the gateway, the wallet or the payment refuses: one sentence per known refusal, the
// gateway's own message otherwise. Codes are the API's (docs/api.md#errors).

const BY_CODE = {
  model_paused: "This model is paused at the provider right now. Pick another model; nothing was charged.",
  model_unavailable: "This model cannot be sold right now. Pick another model; nothing was charged.",
  insufficient_funds: "Your wallet does not hold enough USDC for this price (counting your other payments in flight). Nothing was charged.",
  payment_not_settled: "The payment could not be settled on chain, so nothing was charged.",
  invalid_payment: "The payment signature was rejected. Nothing was charged.",
  payment_expired: "The signed payment expired before it arrived. Nothing was charged; try again.",
  queue_full: "The provider's queue is full right now. Try again in a minute; nothing was charged.",
  invalid_request: "The request was refused: check the prompt and options.",
  rate_limited: "Too many requests: wait a moment and try again.",
  siwx_expired: "The sign-in took too long and expired: sign in again.",
  siwx_replayed: "That sign-in was used already (each one opens one read): sign in again.",
  siwx_not_payer: "This video was paid for by another wallet.",
  siwx_bad_signature: "The gateway could not check this wallet's signature (smart-contract wallets cannot sign in).",
};

/** A sentence for an error answer {error, message}; status is the HTTP status. */
export function refusalText(status, body) {
  const code = body && body.error;
  const own = body && typeof body.message === "string" ? body.message : "";
  if (code && BY_CODE[code]) return own ? `${BY_CODE[code]} (${own})` : BY_CODE[code];
  if (status === 402 && /insufficient/i.test(JSON.stringify(body || {}))) return BY_CODE.insufficient_funds;
  if (status === 402) return `The payment was refused${own ? `: ${own}` : ""}. Nothing was charged.`;
  return own || `The gateway answered ${status}.`;
}

/** A sentence for something the wallet or the x402 client threw; doing: what the wallet was asked to do. */
export function walletErrorText(error, doing = "pay") {
  const text = String((error && (error.shortMessage || error.message)) || error);
  if ((error && error.code === 4001) || /reject|denied|cancel/i.test(text)) return "You rejected the signature in your wallet. Nothing was charged.";
  if (/no wallet/i.test(text)) return text;
  if (/price changed/i.test(text)) return "The price asked is higher than the one shown; nothing was signed. Reload the page.";
  return `The wallet could not ${doing}: ${text}`;
}
