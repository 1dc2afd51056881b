#!/usr/bin/env node
// A fresh payer holding exactly the USDC asked for (minted by the token's deployer; local test keys only):
//   node fund.mjs --rpc <url> --atomic <USDC atomic units>
// Prints ONE JSON line: {"address","privateKey","balance"}. Lets a test give a payer a balance down to the unit,
// e.g. exactly one purchase's worth, without touching the shared payers.
import { createPublicClient, createWalletClient, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { parseArgs, jsonLine, localChain, testKey, usdcAbi, USDC_ADDRESS } from "./lib/common.mjs";

console.log = console.error;

const mintAbi = [
  { type: "function", name: "mint", stateMutability: "nonpayable", inputs: [{ name: "to", type: "address" }, { name: "amount", type: "uint256" }], outputs: [] },
];

export async function fund(rpc, atomic) {
  const chain = localChain(rpc);
  const transport = http(rpc, { retryCount: 0 });
  const pub = createPublicClient({ chain, transport, pollingInterval: 50 });
  const deployer = createWalletClient({ account: privateKeyToAccount(testKey("deployer")), chain, transport });
  const privateKey = generatePrivateKey();
  const address = privateKeyToAccount(privateKey).address;
  const hash = await deployer.writeContract({ address: USDC_ADDRESS, abi: mintAbi, functionName: "mint", args: [address, atomic], gas: 200_000n });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`mint to ${address} failed`);
  const balance = await pub.readContract({ address: USDC_ADDRESS, abi: usdcAbi, functionName: "balanceOf", args: [address] });
  return { address, privateKey, balance };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const a = parseArgs(process.argv.slice(2));
    if (!a.rpc || !a.atomic) throw new Error("usage: node fund.mjs --rpc <url> --atomic <units>");
    process.stdout.write(jsonLine(await fund(a.rpc, BigInt(a.atomic))) + "\n");
  } catch (e) {
    console.error(e?.stack || String(e));
    process.exit(2);
  }
}
