// "My videos": the generations a wallet paid for, read from GET /api/generations with a SIGN-IN-WITH-X proof made by
// the official @x402/extensions client (the wallet signs a sign-in message; nothing is paid). The section stays
// hidden while this gateway has no such endpoint (404).
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";

const LIST = "/api/generations";

/** Whether this gateway lists generations by wallet (any answer but 404: it will ask for a sign-in). */
export async function listingAvailable() {
  try {
    const probe = await fetch(LIST, { headers: { Accept: "application/json" } });
    return probe.status !== 404;
  } catch {
    return false;
  }
}

/** One page of the wallet's generations, newest first: {items, next} (next: the cursor of the following page). */
export async function myVideos({ wallet, address }, cursor) {
  const signer = { account: { address }, signMessage: ({ message }) => wallet.signMessage({ account: address, message }) };
  const signedFetch = wrapFetchWithSIWx(window.fetch.bind(window), signer);
  const url = cursor ? `${LIST}?cursor=${encodeURIComponent(cursor)}` : LIST;
  const answer = await signedFetch(url, { headers: { Accept: "application/json" } });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    const error = new Error(body.message || `The gateway answered ${answer.status}`);
    error.answer = body;
    throw error;
  }
  const items = body.items || body.generations || body.data || [];
  return { items, next: body.nextCursor || body.next || null };
}
