// The browser wallet (EIP-1193: window.ethereum, injected by a wallet extension) as the signer of the official x402
// client (@x402/fetch + @x402/evm's exact scheme), through a viem wallet client. The page never holds a key.
import { createWalletClient, custom } from "viem";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import { registerExactEvmScheme } from "@x402/evm/exact/client";

export function provider() {
  if (!window.ethereum || typeof window.ethereum.request !== "function") {
    throw new Error("No wallet found in this browser: install a wallet extension (EIP-1193) to pay.");
  }
  return window.ethereum;
}

/** Asks the wallet for its account (the wallet shows its own prompt); a viem wallet client and the address. */
export async function connect() {
  const ethereum = provider();
  const [address] = await ethereum.request({ method: "eth_requestAccounts" });
  if (!address) throw new Error("No wallet account was shared.");
  const wallet = createWalletClient({ account: address, transport: custom(ethereum) });
  return { ethereum, wallet, address };
}

/** The wallet on the chain the payment names (EIP-712 signatures are bound to it; wallets refuse another). */
async function onChain(ethereum, chainId) {
  const current = Number(await ethereum.request({ method: "eth_chainId" }));
  if (chainId && current !== Number(chainId)) {
    await ethereum.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x" + Number(chainId).toString(16) }] });
  }
}

/**
 * fetch that pays a 402 with the wallet, for at most maxMicros (the price the person confirmed): a requirement asking
 * more is dropped by a policy, so nothing is signed for it. The wallet is asked for (getAccount) only when a 402
 * comes: a gateway with payment off (the sandbox) answers at once, and no wallet is needed.
 */
export function payingFetch(getAccount, maxMicros, onSigning) {
  let account = null;
  const signer = {
    get address() {
      return account.address;
    },
    async signTypedData(typed) {
      await onChain(account.ethereum, typed.domain && typed.domain.chainId);
      if (onSigning) onSigning();
      return account.wallet.signTypedData({ account: account.address, ...typed });
    },
  };
  const client = new x402Client();
  registerExactEvmScheme(client, { signer });
  // the confirmed price is the cap; the client's own default cap ($1) would refuse most videos
  client.setSpendControls(false);
  client.registerPolicy((version, requirements) => {
    const affordable = requirements.filter((r) => BigInt(r.amount ?? r.maxAmountRequired) <= maxMicros);
    if (requirements.length > 0 && affordable.length === 0) throw new Error("price changed: the gateway asks more than the price shown");
    return affordable;
  });
  const connectingFetch = async (input, init) => {
    const answer = await window.fetch(input, init);
    if (answer.status === 402 && !account) account = await getAccount();
    return answer;
  };
  return wrapFetchWithPayment(connectingFetch, client);
}
