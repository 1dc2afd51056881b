#!/usr/bin/env node
// The official CDP token maker and checker, for the tests that hold our tokens against them (TEST-ONLY):
//   node cdp-jwt.mjs make --key-id ID --method M --host H --path P      (secret in env CDP_API_KEY_SECRET)
//     -> {"token"}: @coinbase/cdp-sdk/auth generateJwt's token for that request
//   node cdp-jwt.mjs check --key-id ID --method M --host H --path P --token T   (same env)
//     -> {"refusal": null | reason}: lib/cdp-auth.mjs's check of T with the secret's public half
import { generateJwt } from "@coinbase/cdp-sdk/auth";
import { parseArgs, jsonLine } from "./lib/common.mjs";
import { publicKeyOfSecret, refusalOf } from "./lib/cdp-auth.mjs";

console.log = console.error;
const [mode, ...rest] = process.argv.slice(2);
const args = parseArgs(rest);
const secret = process.env.CDP_API_KEY_SECRET ?? "";
if (mode === "make") {
  const token = await generateJwt({
    apiKeyId: args["key-id"], apiKeySecret: secret, requestMethod: args.method, requestHost: args.host, requestPath: args.path,
  });
  process.stdout.write(jsonLine({ token }) + "\n");
} else if (mode === "check") {
  const refusal = await refusalOf(`Bearer ${args.token}`, {
    keyId: args["key-id"], publicKey: publicKeyOfSecret(secret), method: args.method, host: args.host, path: args.path,
    seen: new Map(), nowSeconds: Math.floor(Date.now() / 1000),
  });
  process.stdout.write(jsonLine({ refusal }) + "\n");
} else {
  console.error("usage: node cdp-jwt.mjs make|check --key-id ID --method M --host H --path P [--token T]");
  process.exit(2);
}
