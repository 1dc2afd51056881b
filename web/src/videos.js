// "My videos": the generations a wallet paid for, read with SIGN-IN-WITH-X proofs instead of access tokens
// (docs/api.md#sign-in-with-x-the-paying-wallet-instead-of-the-token). The gateway hands out its sign-in challenge
// (a fresh nonce) only in the 402 of an unpaid POST /api/generate, and each proof is good for ONE read: so every read
// (a page of the list, a video file) asks for a fresh 402, and the official @x402/extensions client hook has the
// wallet sign its challenge (personal_sign; nothing is paid, nothing is bought). The section stays hidden while this
// gateway has no such endpoint (404).
import { x402Client } from "@x402/fetch";
import { x402HTTPClient } from "@x402/core/http";
import { createSIWxClientHook } from "@x402/extensions/sign-in-with-x";

const LIST = "/api/generations";
const CHALLENGE = "/api/generate";

/**
 * Whether "My videos" can be offered: this gateway lists generations by wallet (any answer but 404: it asks for a
 * sign-in) AND takes payments. With payment off (the sandbox) nothing is bought by a wallet, and the challenge's unpaid
 * order would be fulfilled for free instead of answered 402: so the section is not shown there.
 */
export async function listingAvailable() {
  try {
    const [probe, discovery] = await Promise.all([
      fetch(LIST, { headers: { Accept: "application/json" } }),
      fetch("/.well-known/x402", { headers: { Accept: "application/json" } }).then((r) => (r.ok ? r.json() : null)),
    ]);
    const paid = (discovery?.items || []).some((i) => i.paymentRequired === true && /\/api\/generate$/.test(i.resource || ""));
    return probe.status !== 404 && paid;
  } catch {
    return false;
  }
}

/** An error carrying the gateway's answer {error, message} and its status, for messages.js. */
function refused(status, body) {
  const error = new Error((body && body.message) || `The gateway answered ${status}`);
  error.answer = body || {};
  error.status = status;
  return error;
}

/**
 * The body of the unpaid order whose 402 carries the challenge: a model on sale that needs nothing but a prompt. It is
 * never paid, so nothing is bought.
 */
function challengeOrder(models) {
  const plain = (m) => Object.values(m.options || {}).every((o) => !o.required && !(o.minCount > 0));
  const model = models.find((m) => m.state === "available" && plain(m)) || models.find((m) => m.state === "available");
  if (!model) throw new Error("No model is on sale right now, so the gateway gives no sign-in challenge; try again later.");
  return JSON.stringify({ model: model.model, prompt: "Sign in to list the videos this wallet paid for", options: {} });
}

/**
 * One fresh SIGN-IN-WITH-X header: the 402 of an unpaid order, its challenge signed by the wallet through the official
 * client hook. account: {wallet (viem wallet client), address}; models: GET /api/models' list.
 */
export async function signedHeader({ wallet, address }, models) {
  const url = new URL(CHALLENGE, location.href).href;
  const answer = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: challengeOrder(models),
  });
  const body = await answer.json().catch(() => null);
  if (answer.status !== 402) throw refused(answer.status, body);
  // the hook swallows the wallet's errors (it just gives no header): keep the last one to say why
  let walletError = null;
  const signer = {
    account: { address },
    signMessage: ({ message }) =>
      wallet.signMessage({ account: address, message }).catch((e) => {
        walletError = e;
        throw e;
      }),
  };
  const client = new x402HTTPClient(new x402Client()).onPaymentRequired(createSIWxClientHook(signer));
  const challenge = client.getPaymentRequiredResponse((name) => answer.headers.get(name), body);
  const headers = await client.handlePaymentRequired(challenge, url);
  if (!headers) throw walletError || new Error("The gateway's sign-in challenge could not be signed by this wallet.");
  return headers;
}

/**
 * One page (pageSize items, newest first) of the wallet's generations: {wallet, items, next} (next: the following
 * page's cursor, null on the last).
 */
export async function myVideos(account, models, pageSize, cursor) {
  const headers = await signedHeader(account, models);
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (cursor) query.set("cursor", cursor);
  const answer = await fetch(`${LIST}?${query}`, { headers: { Accept: "application/json", ...headers } });
  const body = await answer.json().catch(() => null);
  if (!answer.ok) throw refused(answer.status, body);
  return { wallet: body.wallet, items: body.generations || [], next: body.nextCursor || null };
}
