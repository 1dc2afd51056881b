#!/usr/bin/env node
// CLI payer using the OFFICIAL x402 clients (unmodified apart from spend controls):
//   node pay.mjs --client v2|v1 --url <url> --key <privateKey> [--body '<json>'] [--method POST]
//                [--header 'Name: value']... [--rpc <rpcUrl>] [--max-value <atomic>] [--v2-only] [--network <caip2>]
// v2 = @x402/fetch + @x402/evm exact client registered for eip155:84532 (registerExactEvmScheme also
//      registers the v1 scheme for base-sepolia, so a v1-only 402 body is paid with X-PAYMENT),
//      spend controls off. --network eip155:31337: registered for that network only (so it pays the 402's entry on
//      that chain; no v1 scheme is registered for a chain v1 cannot name).
// v1 = x402-fetch 1.2.0 with a viem wallet client on chain 84532 and maxValue (default 10 USDC).
// Prints ONE JSON line: {"status", "headers", "body", "paymentResponse"?, "request": {...}}.
// Exit 0 on any HTTP outcome; non-zero only when the client throws (error on stderr).
import { createWalletClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { parseArgs, jsonLine, localChain, NETWORK_V2 } from "./lib/common.mjs";

console.log = console.error;

export async function pay({ client: version = "v2", url, key, body, method = "POST", headers = {}, rpc, maxValue = 10_000_000n, v2Only = false,
                           network = NETWORK_V2 }) {
  const account = privateKeyToAccount(key);
  const sent = []; // every request the client makes (to expose the payment header it sent)
  const recordingFetch = async (input, init) => {
    const req = new Request(input, init);
    const h = {};
    req.headers.forEach((v, k) => (h[k] = v));
    sent.push({ method: req.method, url: req.url, headers: h });
    return fetch(req);
  };

  let paidFetch;
  if (version === "v2") {
    const { wrapFetchWithPayment, x402Client } = await import("@x402/fetch");
    const { registerExactEvmScheme, ExactEvmScheme } = await import("@x402/evm/exact/client");
    const client = new x402Client();
    if (v2Only) client.register(network, new ExactEvmScheme(account));
    else registerExactEvmScheme(client, { signer: account, networks: [network] });
    client.setSpendControls(false); // our $3.50 local token would be refused otherwise
    paidFetch = wrapFetchWithPayment(recordingFetch, client);
  } else if (version === "v1") {
    const { wrapFetchWithPayment } = await import("x402-fetch");
    const rpcUrl = rpc || "http://127.0.0.1:8545"; // only signs locally; the RPC is not called
    const wallet = createWalletClient({ account, chain: localChain(rpcUrl), transport: http(rpcUrl, { retryCount: 0 }) });
    paidFetch = wrapFetchWithPayment(recordingFetch, wallet, BigInt(maxValue));
  } else {
    throw new Error(`--client must be v2 or v1, got ${version}`);
  }

  const init = { method, headers: { ...headers } };
  if (body !== undefined && method !== "GET" && method !== "HEAD") {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    if (!Object.keys(init.headers).some((k) => k.toLowerCase() === "content-type")) init.headers["Content-Type"] = "application/json";
  }
  const res = await paidFetch(url, init);
  const outHeaders = {};
  res.headers.forEach((v, k) => (outHeaders[k.toLowerCase()] = v));
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text === "" ? "" : JSON.parse(text);
  } catch {
    /* keep text */
  }
  const out = { status: res.status, headers: outHeaders, body: parsed };
  const pr = outHeaders["payment-response"] ?? outHeaders["x-payment-response"];
  if (pr) {
    try {
      out.paymentResponse = JSON.parse(Buffer.from(pr, "base64").toString("utf8"));
    } catch {
      /* not base64 JSON */
    }
  }
  const paid = sent.find((s) => s.headers["payment-signature"] || s.headers["x-payment"]);
  out.request = {
    attempts: sent.length,
    paymentHeaderName: paid ? (paid.headers["payment-signature"] ? "PAYMENT-SIGNATURE" : "X-PAYMENT") : null,
    paymentHeader: paid ? paid.headers["payment-signature"] || paid.headers["x-payment"] : null,
  };
  if (out.request.paymentHeader) {
    try {
      out.request.payment = JSON.parse(Buffer.from(out.request.paymentHeader, "base64").toString("utf8"));
    } catch {
      /* ignore */
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const a = parseArgs(process.argv.slice(2), ["v2-only"]);
    if (!a.url || !a.key) throw new Error("usage: node pay.mjs --client v2|v1 --url <url> --key <pk> [--body '<json>']");
    const headers = {};
    for (const h of [].concat(a.header ?? [])) {
      const i = h.indexOf(":");
      if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    const out = await pay({
      client: a.client ?? "v2",
      url: a.url,
      key: a.key,
      body: a.body,
      method: (a.method ?? "POST").toUpperCase(),
      headers,
      rpc: a.rpc,
      maxValue: a["max-value"] ? BigInt(a["max-value"]) : 10_000_000n,
      v2Only: !!a["v2-only"],
      ...(a.network ? { network: a.network } : {}),
    });
    // exit only once the line is written: a pipe takes 64 KiB at a time, and exit() drops the rest
    await new Promise((written) => process.stdout.write(jsonLine(out) + "\n", written));
    process.exit(0);
  } catch (e) {
    console.error(e?.stack || String(e));
    process.exit(2);
  }
}
