#!/usr/bin/env node
// Sign-in-with-x with the OFFICIAL client hook (@x402/extensions createSIWxClientHook on @x402/core's x402HTTPClient):
//   node siwx.mjs --base <publicBaseUrl> --key <privateKey> --body '<generate json>' --read <path> [--read <path>]...
//                 [--replay]
// For each --read: POST <base>/api/generate with the body and no payment (a 402), the hook signs that 402's
// sign-in-with-x challenge with the wallet, and GET <base><path> is sent with the SIGN-IN-WITH-X header it returns.
// --replay: the last read's header is sent again, as is, to the same path.
// --sign-only: no GET; each --read gets only its signed header (reads[i].sent.headers), for the caller to send.
// Prints ONE JSON line: {"reads":[{path, status, body, sent:{headers}, proof}], "replay"?:{status, body}}.
import { privateKeyToAccount } from "viem/accounts";
import { parseArgs, jsonLine } from "./lib/common.mjs";

console.log = console.error;

async function signedHeaders(httpClient, base, body) {
  const url = `${base}/api/generate`;
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const text = await res.text();
  if (res.status !== 402) throw new Error(`expected a 402 from ${url}, got ${res.status}: ${text}`);
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const paymentRequired = httpClient.getPaymentRequiredResponse((name) => res.headers.get(name), parsed);
  const headers = await httpClient.handlePaymentRequired(paymentRequired, url);
  if (!headers) throw new Error("the sign-in-with-x hook gave no header for this 402");
  return { headers, challenge: paymentRequired.extensions?.["sign-in-with-x"] };
}

async function get(url, headers) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  const answerHeaders = {};
  res.headers.forEach((v, k) => (answerHeaders[k] = v));
  return { status: res.status, headers: answerHeaders, body };
}

try {
  const a = parseArgs(process.argv.slice(2), ["replay", "sign-only"]);
  if (!a.base || !a.key || !a.body || !a.read) throw new Error("usage: node siwx.mjs --base <url> --key <pk> --body '<json>' --read <path>...");
  const { x402Client } = await import("@x402/core/client");
  const { x402HTTPClient } = await import("@x402/core/http");
  const { createSIWxClientHook } = await import("@x402/extensions/sign-in-with-x");
  const account = privateKeyToAccount(a.key);
  const httpClient = new x402HTTPClient(new x402Client()).onPaymentRequired(createSIWxClientHook(account));
  const reads = [];
  let last;
  for (const path of [].concat(a.read)) {
    const { headers, challenge } = await signedHeaders(httpClient, a.base, a.body);
    const answer = a["sign-only"] ? {} : await get(`${a.base}${path}`, headers);
    const proof = JSON.parse(Buffer.from(headers["sign-in-with-x"] ?? headers["SIGN-IN-WITH-X"], "base64").toString("utf8"));
    reads.push({ path, ...answer, sent: { headers }, proof, challenge });
    last = { path, headers };
  }
  const out = { address: account.address, reads };
  if (a.replay) out.replay = await get(`${a.base}${last.path}`, last.headers);
  // exit only once the line is written: a pipe takes 64 KiB at a time, and exit() drops the rest
  await new Promise((written) => process.stdout.write(jsonLine(out) + "\n", written));
  process.exit(0);
} catch (e) {
  console.error(e?.stack || String(e));
  process.exit(2);
}
