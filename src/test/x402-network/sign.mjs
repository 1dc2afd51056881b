#!/usr/bin/env node
// Hand-made payer for negative tests: signs an EIP-3009 TransferWithAuthorization with viem, WITHOUT
// the official client, and prints {"header": <base64>, "payload": <decoded JSON>} as ONE line.
//
//   node sign.mjs --version 2|1 --key <pk> [--requirements '<json of the accepted requirement>']
//     [--to <payTo>] [--value <atomic>] [--network eip155:84532|base-sepolia] [--asset <addr>]
//     [--name USDC] [--tokenVersion 2] [--chainId 84532] [--validAfter s] [--validBefore s]
//     [--nonce 0x..] [--from <addr>] [--tamper] [--resource <url>] [--resource-json '<json>']
//     [--extensions '<json>']
//
// Shapes are the ones the official clients produce:
//  v2 (@x402/core client): {x402Version:2, payload:{authorization, signature}, resource?, accepted, extensions?}
//     -> header PAYMENT-SIGNATURE
//  v1 (x402 1.2.0 / x402-fetch): {x402Version:1, scheme:"exact", network, payload:{signature, authorization}}
//     -> header X-PAYMENT
// Field rules: `accepted` (v2) is --requirements verbatim, except that --network replaces its network.
// --to/--value/--asset/--name/--tokenVersion/--chainId only change what is SIGNED (default: taken from
// --requirements), so e.g. --value 1 with real requirements makes a "wrong amount" payment.
// Time defaults follow the clients: v2 validAfter "0"; v1 validAfter now-600; validBefore
// now+maxTimeoutSeconds (300 if unknown). --tamper flips one byte of the signature after signing.
import { randomBytes } from "node:crypto";
import { getAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { parseArgs, jsonLine, CHAIN_ID, NETWORK_V2, NETWORK_V1, USDC_ADDRESS, ASSET_NAME, ASSET_VERSION } from "./lib/common.mjs";

const authorizationTypes = {
  TransferWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
};

const V1_CHAIN_IDS = { "base-sepolia": 84532, base: 8453, sepolia: 11155111, ethereum: 1 };
function chainIdOf(network) {
  if (typeof network === "string" && network.startsWith("eip155:")) return Number(network.slice(7));
  return V1_CHAIN_IDS[network] ?? CHAIN_ID;
}

export async function signPayment(o) {
  const version = Number(o.version ?? 2);
  if (version !== 1 && version !== 2) throw new Error("--version must be 1 or 2");
  const req = o.requirements ? (typeof o.requirements === "string" ? JSON.parse(o.requirements) : o.requirements) : null;
  const account = privateKeyToAccount(o.key);
  const now = Math.floor(Date.now() / 1000);
  const network = o.network ?? req?.network ?? (version === 2 ? NETWORK_V2 : NETWORK_V1);
  const maxTimeout = Number(req?.maxTimeoutSeconds ?? 300);
  const asset = o.asset ?? req?.asset ?? USDC_ADDRESS;
  const to = o.to ?? req?.payTo;
  if (!to) throw new Error("--to (or --requirements with payTo) is required");
  const value = String(o.value ?? (version === 2 ? req?.amount : req?.maxAmountRequired) ?? "");
  if (!/^\d+$/.test(value)) throw new Error("--value (or --requirements with the amount) is required");

  const authorization = {
    from: getAddress(o.from ?? account.address),
    to: getAddress(to),
    value,
    validAfter: String(o.validAfter ?? (version === 2 ? 0 : now - 600)),
    validBefore: String(o.validBefore ?? now + maxTimeout),
    nonce: o.nonce ?? `0x${randomBytes(32).toString("hex")}`,
  };
  const domain = {
    name: o.name ?? req?.extra?.name ?? ASSET_NAME,
    version: String(o.tokenVersion ?? req?.extra?.version ?? ASSET_VERSION),
    chainId: Number(o.chainId ?? chainIdOf(network)),
    verifyingContract: getAddress(asset),
  };
  let signature = await account.signTypedData({
    domain,
    types: authorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: {
      from: authorization.from,
      to: authorization.to,
      value: BigInt(authorization.value),
      validAfter: BigInt(authorization.validAfter),
      validBefore: BigInt(authorization.validBefore),
      nonce: authorization.nonce,
    },
  });
  if (o.tamper) {
    // flip the lowest bit of byte 10 of r
    const i = 2 + 10 * 2;
    const b = (parseInt(signature.slice(i, i + 2), 16) ^ 0x01).toString(16).padStart(2, "0");
    signature = signature.slice(0, i) + b + signature.slice(i + 2);
  }

  let payload;
  if (version === 2) {
    const accepted = req
      ? { ...req, network }
      : {
          scheme: "exact",
          network,
          amount: value,
          asset: getAddress(asset),
          payTo: authorization.to,
          maxTimeoutSeconds: maxTimeout,
          extra: { name: domain.name, version: domain.version },
        };
    let resource;
    if (o.resourceJson) resource = typeof o.resourceJson === "string" ? JSON.parse(o.resourceJson) : o.resourceJson;
    else if (o.resource) resource = { url: o.resource, description: "", mimeType: "" };
    payload = { x402Version: 2, payload: { authorization, signature } };
    if (o.extensions) payload.extensions = typeof o.extensions === "string" ? JSON.parse(o.extensions) : o.extensions;
    if (resource) payload.resource = resource;
    payload.accepted = accepted;
  } else {
    payload = { x402Version: 1, scheme: req?.scheme ?? "exact", network, payload: { signature, authorization } };
  }
  const header = Buffer.from(JSON.stringify(payload), "utf8").toString("base64");
  return { header, payload };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const a = parseArgs(process.argv.slice(2), ["tamper"]);
    if (!a.key) throw new Error("--key is required");
    const out = await signPayment({ ...a, resourceJson: a["resource-json"] });
    process.stdout.write(jsonLine(out) + "\n");
  } catch (e) {
    console.error(e?.stack || String(e));
    process.exit(2);
  }
}
