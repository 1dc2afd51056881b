#!/usr/bin/env node
// Drives the web page in Debian's headless Chromium (puppeteer-core; no browser is downloaded) as a person would,
// with a test wallet injected into the page: an EIP-1193 provider whose accounts and signatures are made here, in
// node, by a test key of the project's local chain (viem's privateKeyToAccount). Three visits:
//   buy      the payer picks a model, reads the price, pays, follows progress, plays (and seeks) the video
//   poor     a payer with too little USDC pays: the page must show the refusal
//   reject   the wallet refuses to sign: the page must say so
//   paused   a model Kie.ai has paused (the gateway learns it at the purchase, charges nothing): the page says so,
//            and once reloaded shows the model as paused and does not offer to pay for it
//   prices   the price shown for every model's defaults and for some option choices (--price-cases JSON)
//   mine     a fresh visit (no token in memory) by the payer: "My videos" signs in with the wallet, lists the bought
//            video, plays it (a second signature: each read needs its own proof)
//   other    another wallet signs in: its list is empty; and the payer's wallet refusing to sign in is told so
//   free     (--visits free) a gateway with payment off, as in the README's sandbox run: no wallet in the browser,
//            the video is bought, played and seeked all the same
// node buy-video.mjs --url <gateway> --key <payer key> --poor-key <key> --model <name> --paused-model <name>
//                    --out <screenshot dir> [--chromium /usr/bin/chromium] [--visits paid|free]
// Prints ONE JSON line with what each visit saw; exits non-zero only when the browser could not be driven.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { privateKeyToAccount } from "viem/accounts";

console.log = console.error; // stdout is the result line only

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

const CHAIN_ID = "0x14a34"; // 84532, the local chain's id (Base Sepolia's)

/** The wallet's answers to the page's EIP-1193 requests, signed with this key (or refused, like a person would). */
function testWallet(key, refuse) {
  const account = privateKeyToAccount(key);
  const signed = [];
  return {
    address: account.address,
    signed,
    async request(method, params) {
      switch (method) {
        case "eth_requestAccounts":
        case "eth_accounts":
          return [account.address];
        case "eth_chainId":
          return CHAIN_ID;
        case "wallet_switchEthereumChain":
          return null;
        case "eth_signTypedData_v4": {
          if (refuse) throw Object.assign(new Error("User rejected the request."), { code: 4001 });
          const typed = typeof params[1] === "string" ? JSON.parse(params[1]) : params[1];
          const { EIP712Domain, ...types } = typed.types; // viem derives the domain's type itself
          signed.push(typed.primaryType);
          return account.signTypedData({ domain: typed.domain, types, primaryType: typed.primaryType, message: typed.message });
        }
        case "personal_sign": {
          if (refuse) throw Object.assign(new Error("User rejected the request."), { code: 4001 });
          signed.push("personal_sign");
          return account.signMessage({ message: { raw: params[0] } });
        }
        default:
          throw Object.assign(new Error(`the test wallet does not do ${method}`), { code: 4200 });
      }
    },
  };
}

/** A page with the wallet injected as window.ethereum before any of the page's scripts run. */
async function pageWithWallet(browser, wallet, viewport) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const errors = [];
  // the 402 challenge, and the 404 of a gateway without "My videos", are answers the page expects
  const expected = (m) => /Failed to load resource/.test(m.text()) && /\/api\/(generate|generations)$/.test(new URL(m.location().url || "http://x/").pathname);
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && !expected(m) && errors.push(`${m.text()} ${m.location().url || ""}`));
  if (!wallet) return { page, errors }; // a browser without a wallet
  await page.exposeFunction("__testWallet", async (method, params) => {
    try {
      return { result: await wallet.request(method, JSON.parse(params)) };
    } catch (e) {
      return { error: { code: e.code ?? -32603, message: e.message } };
    }
  });
  await page.evaluateOnNewDocument(() => {
    window.ethereum = {
      isTestWallet: true,
      async request({ method, params }) {
        const answer = await window.__testWallet(method, JSON.stringify(params ?? []));
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      },
      on() {},
      removeListener() {},
    };
  });
  return { page, errors };
}

/** Opens the page, picks the model, types the prompt with the keyboard, pays; the status text once it settles. */
async function order(page, url, model, prompt) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction((m) => [...document.querySelectorAll("#model option")].some((o) => o.value === m), {}, model);
  await page.select("#model", model);
  await page.focus("#prompt");
  await page.keyboard.type(prompt);
  const price = await page.$eval("#price", (e) => e.textContent);
  const button = await page.$eval("#pay", (e) => e.textContent);
  await page.focus("#pay");
  await page.keyboard.press("Enter"); // keyboard only: the form submits from its button
  return { price, button };
}

async function buy(browser, a, wallet, name) {
  const { page, errors } = await pageWithWallet(browser, wallet, { width: 900, height: 1000 });
  const started = Date.now();
  const shown = await order(page, a.url, a.model, "A red fox running through fresh snow at dawn");
  await page.waitForSelector("#result:not([hidden])", { timeout: 180_000 });
  await page.waitForFunction(() => document.querySelector("#video").readyState >= 1, { timeout: 30_000 });
  const video = await page.$eval("#video", async (v) => {
    const duration = v.duration;
    const seekedTo = await new Promise((resolve) => {
      v.addEventListener("seeked", () => resolve(v.currentTime), { once: true });
      v.currentTime = duration / 2;
    });
    return { duration, seekedTo };
  });
  const download = await page.$eval("#download", (a) => ({ href: a.href, name: a.download }));
  const status = await page.$eval("#status", (e) => e.textContent);
  const myVideosShown = await page.$eval("#my-videos", (e) => !e.hidden);
  await page.screenshot({ path: path.join(a.out, `web-page-${name}.png`), fullPage: true });
  // a phone's viewport (puppeteer reloads the page for it): the order form, readable without sideways scrolling
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  await page.waitForFunction(() => document.querySelectorAll("#model option").length > 0 && !document.querySelector("#pay").disabled);
  await page.screenshot({ path: path.join(a.out, `web-page-${name}-phone.png`) });
  const phoneFits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.close();
  return { ...shown, status, myVideosShown, video, download, signed: wallet ? wallet.signed : [], seconds: (Date.now() - started) / 1000, phoneFits, errors };
}

async function refused(browser, a, key, refuse, name) {
  const wallet = testWallet(key, refuse);
  const { page, errors } = await pageWithWallet(browser, wallet, { width: 900, height: 1000 });
  const shown = await order(page, a.url, a.model, "A lighthouse in a storm, refused");
  await page.waitForSelector('#status[data-kind="error"]', { timeout: 60_000 });
  const status = await page.$eval("#status", (e) => e.textContent);
  const resultShown = await page.$eval("#result", (e) => !e.hidden);
  await page.screenshot({ path: path.join(a.out, `web-page-${name}.png`) });
  await page.close();
  return { ...shown, status, resultShown, signed: wallet.signed, errors };
}

/** The price the page shows for every model's defaults, and for each case {model, options} of --price-cases. */
async function prices(browser, a) {
  const { page, errors } = await pageWithWallet(browser, null, { width: 900, height: 1000 });
  await page.goto(a.url, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelectorAll("#model option").length > 0);
  const models = await page.$$eval("#model option", (os) => os.map((o) => o.value));
  const defaults = {};
  for (const model of models) {
    await page.select("#model", model);
    defaults[model] = await page.$eval("#price", (e) => e.textContent);
  }
  const cases = [];
  for (const { model, options } of JSON.parse(a["price-cases"] || "[]")) {
    await page.select("#model", model);
    await page.evaluate((options) => {
      for (const [name, value] of Object.entries(options)) {
        const input = document.getElementById(`opt-${name}`);
        if (input.type === "checkbox") input.checked = value === true;
        else input.value = String(value);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }, options);
    cases.push(await page.$eval("#price", (e) => e.textContent));
  }
  await page.close();
  return { defaults, cases, errors };
}

async function paused(browser, a) {
  const wallet = testWallet(a.key, false);
  const { page, errors } = await pageWithWallet(browser, wallet, { width: 900, height: 1000 });
  const shown = await order(page, a.url, a["paused-model"], "A paper boat on a river");
  await page.waitForSelector('#status[data-kind="error"]', { timeout: 60_000 });
  const status = await page.$eval("#status", (e) => e.textContent);
  // at once, without a reload: the model shows as paused and is no longer offered
  const atOnce = await page
    .waitForFunction(() => !document.querySelector("#model-notice").hidden && document.querySelector("#pay").disabled, { timeout: 10_000 })
    .then(() => true, () => false);
  await page.reload({ waitUntil: "load" });
  await page.waitForFunction(() => document.querySelectorAll("#model option").length > 0);
  await page.select("#model", a["paused-model"]);
  const afterReload = await page.evaluate(() => ({
    notice: document.querySelector("#model-notice").hidden ? null : document.querySelector("#model-notice").textContent,
    payDisabled: document.querySelector("#pay").disabled,
  }));
  await page.screenshot({ path: path.join(a.out, "web-page-paused.png") });
  await page.close();
  return { ...shown, status, atOnce, afterReload, signed: wallet.signed, errors };
}

/** A fresh visit signs in to "My videos": what the list shows, and (play) the first video played from it. */
async function myVideos(browser, a, key, name, play, refuse = false) {
  const wallet = testWallet(key, refuse);
  const { page, errors } = await pageWithWallet(browser, wallet, { width: 900, height: 1000 });
  await page.goto(a.url, { waitUntil: "load" });
  await page.waitForSelector("#my-videos:not([hidden])", { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelectorAll("#model option").length > 0); // the challenge needs a model
  // --my-page-size: index.html's page size (data-page-size), small enough for "Older videos" to be needed
  if (a["my-page-size"]) await page.$eval("#my-videos-list", (l, n) => (l.dataset.pageSize = n), a["my-page-size"]);
  // each button is disabled from its click until the page has the answer (a list, or a sentence)
  const answered = () => page.waitForFunction(() => !document.querySelector("#sign-in").disabled
    && (document.querySelector("#my-videos-list").children.length > 0 || document.querySelector("#my-videos-status").textContent !== ""), { timeout: 30_000 });
  await page.click("#sign-in");
  await answered();
  let pages = 1;
  while (pages < 10 && (await page.$eval("#more-videos", (b) => !b.hidden))) {
    await page.click("#more-videos");
    await answered();
    pages++;
  }
  const listed = await page.$$eval("#my-videos-list li", (lis) => lis.map((li) => ({ id: li.dataset.generation, text: li.textContent, playable: !!li.querySelector("button") })));
  const listStatus = await page.$eval("#my-videos-status", (e) => e.textContent);
  const signedForList = wallet.signed.length;
  let video = null;
  let status = null;
  if (play && listed.length > 0) {
    await page.click("#my-videos-list li button");
    await page.waitForSelector("#result:not([hidden])", { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("#video").readyState >= 1, { timeout: 30_000 });
    video = await page.$eval("#video", (v) => ({ duration: v.duration, src: v.src.slice(0, 5) }));
    status = await page.$eval("#status", (e) => e.textContent);
  }
  await page.screenshot({ path: path.join(a.out, `web-page-${name}.png`), fullPage: true });
  await page.close();
  return { address: wallet.address, listed, pages, listStatus, signedForList, signed: wallet.signed, video, status, errors };
}

/** A fresh visit signs in, finds a video still in progress and follows it (one more signature) until it ends. */
async function followMine(browser, a, key) {
  const wallet = testWallet(key, false);
  const { page, errors } = await pageWithWallet(browser, wallet, { width: 900, height: 1000 });
  await page.goto(a.url, { waitUntil: "load" });
  await page.waitForSelector("#my-videos:not([hidden])", { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelectorAll("#model option").length > 0);
  await page.click("#sign-in");
  await page.waitForSelector("#my-videos-list li", { timeout: 30_000 });
  const before = await page.$eval("#my-videos-list li", (li) => ({ text: li.textContent, button: li.querySelector("button")?.textContent }));
  const signedBefore = wallet.signed.length;
  const started = Date.now();
  await page.focus("#my-videos-list li button");
  await page.keyboard.press("Enter"); // the keyboard alone follows it
  await page.waitForFunction(() => /ready|failed/.test(document.querySelector("#my-videos-list li")?.textContent || ""), { timeout: 60_000 });
  const after = await page.$eval("#my-videos-list li", (li) => ({ text: li.textContent, button: li.querySelector("button")?.textContent ?? null }));
  const status = await page.$eval("#status", (e) => e.textContent);
  await page.screenshot({ path: path.join(a.out, "web-page-my-videos-follow.png"), fullPage: true });
  await page.close();
  return { before, after, status, followedMs: Date.now() - started, signedForFollow: wallet.signed.length - signedBefore, errors };
}

const a = args(process.argv.slice(2));
const t0 = Date.now();
fs.mkdirSync(a.out, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: a.chromium || "/usr/bin/chromium",
  headless: true,
  // root in CI: Chromium's sandbox needs a user namespace it may not get
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--mute-audio", "--autoplay-policy=no-user-gesture-required"],
});
try {
  const result = { launchSeconds: (Date.now() - t0) / 1000 };
  if (a.visits === "free") {
    result.buy = await buy(browser, a, null, "free");
  } else if (a.visits === "follow") {
    result.follow = await followMine(browser, a, a.key);
  } else {
    result.prices = await prices(browser, a);
    result.buy = await buy(browser, a, testWallet(a.key, false), "paid");
    result.mine = await myVideos(browser, a, a.key, "my-videos", true);
    result.other = await myVideos(browser, a, a["poor-key"], "my-videos-other", false);
    result.mineRejected = await myVideos(browser, a, a.key, "my-videos-rejected", false, true);
    result.poor = await refused(browser, a, a["poor-key"], false, "refused");
    result.reject = await refused(browser, a, a.key, true, "rejected");
    result.paused = await paused(browser, a);
  }
  result.visitsSeconds = (Date.now() - t0) / 1000 - result.launchSeconds;
  process.stdout.write(JSON.stringify(result) + "\n");
} finally {
  await browser.close();
}
