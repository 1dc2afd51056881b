// Shared constants and helpers of the local x402 network.
import { defineChain, keccak256, toHex } from "viem";

export const CHAIN_ID = 84532;
export const NETWORK_V2 = "eip155:84532";
export const NETWORK_V1 = "base-sepolia";
/** USDC on Base Sepolia: the address x402 knows; our TestUSDC is placed here. */
export const USDC_ADDRESS = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";
export const ASSET_NAME = "USDC";
export const ASSET_VERSION = "2";

/**
 * The second chain (start.mjs --second-chain): a chain id x402 v1 has no name for (so v2 only), and an EIP-3009 token
 * with ANOTHER EIP-712 domain (name, version), deployed at an ordinary address: a per-network domain is exercised.
 */
export const CHAIN2_ID = 31337;
export const NETWORK2_V2 = "eip155:31337";
export const ASSET2_NAME = "Local Dollar";
export const ASSET2_VERSION = "1";

/** A viem chain for a local node (id 84532 unless told, our RPC url). */
export function localChain(rpcUrl = "http://127.0.0.1:8545", chainId = CHAIN_ID) {
  return defineChain({
    id: chainId,
    name: chainId === CHAIN_ID ? "Local Base Sepolia (hardhat)" : `Local chain ${chainId} (hardhat)`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    testnet: true,
  });
}

/** Deterministic test key for a role, e.g. testKey("payer", 0). Local test keys only. */
export function testKey(role, index = 0) {
  return keccak256(toHex(`x402-local-network:${role}:${index}`));
}

export const usdcAbi = [
  { type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ name: "a", type: "address" }], outputs: [{ type: "uint256" }] },
  { type: "function", name: "name", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
  { type: "function", name: "version", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
  { type: "function", name: "decimals", stateMutability: "view", inputs: [], outputs: [{ type: "uint8" }] },
  { type: "function", name: "DOMAIN_SEPARATOR", stateMutability: "view", inputs: [], outputs: [{ type: "bytes32" }] },
  { type: "function", name: "authorizationState", stateMutability: "view", inputs: [{ name: "a", type: "address" }, { name: "n", type: "bytes32" }], outputs: [{ type: "bool" }] },
];

/** Minimal argv parser: --key value, --flag (boolean), repeated keys become arrays. */
export function parseArgs(argv, booleans = []) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf("=");
    let k, v;
    if (eq > 0) {
      k = a.slice(2, eq);
      v = a.slice(eq + 1);
    } else {
      k = a.slice(2);
      if (booleans.includes(k)) v = true;
      else {
        if (i + 1 >= argv.length) throw new Error(`missing value for --${k}`);
        v = argv[++i];
      }
    }
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

export function jsonLine(obj) {
  return JSON.stringify(obj, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
