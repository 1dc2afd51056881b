// Reads a 402's x402 v2 PAYMENT-REQUIRED header the way a discovery catalog would, with the OFFICIAL Bazaar
// extension package (@x402/extensions): node discovery.mjs --header <base64> -> one JSON line
// {"hasExtension", "valid", "errors", "info"}.
import { validateAndExtract } from "@x402/extensions/bazaar";

const args = process.argv.slice(2);
const header = args[args.indexOf("--header") + 1];
const paymentRequired = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
const extension = paymentRequired.extensions && paymentRequired.extensions.bazaar;
if (!extension) {
  console.log(JSON.stringify({ hasExtension: false, valid: false, errors: ["no extensions.bazaar"] }));
} else {
  const { valid, info, errors } = validateAndExtract(extension);
  console.log(JSON.stringify({ hasExtension: true, valid, errors: errors || [], info: info || null }));
}
