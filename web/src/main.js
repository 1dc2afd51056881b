// The page: pick a model, see its price as options change, write a prompt, pay with the browser wallet through the
// official x402 client, follow the generation, play and download the video; "My videos" by signing in with the wallet.
// Everything the gateway sends is put on the page as text (textContent), never as HTML.
import { formatUsd, quote } from "./price.js";
import { refusalText, walletErrorText } from "./messages.js";
import { connect, payingFetch } from "./wallet.js";
import { listingAvailable, myVideos, signedHeader } from "./videos.js";

const $ = (id) => document.getElementById(id);
const state = { models: [], model: null, account: null, videoUrl: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  children.forEach((c) => node.append(c));
  return node;
}

function say(text, kind = "info") {
  const box = $("status");
  box.textContent = text;
  box.dataset.kind = kind;
  box.hidden = !text;
}

// --- the catalog -----------------------------------------------------------------------------------------------

async function loadModels(keep) {
  const answer = await fetch("/api/models", { headers: { Accept: "application/json" } });
  if (!answer.ok) throw new Error(refusalText(answer.status, await answer.json().catch(() => null)));
  const body = await answer.json();
  state.models = body.models || [];
  const select = $("model");
  select.replaceChildren(
    ...state.models.map((m) =>
      el("option", { value: m.model, text: `${m.model} — from $${m.defaultPriceUsd}${m.state === "available" ? "" : ` (${m.state})`}` })
    )
  );
  const asked = keep || new URLSearchParams(location.search).get("model");
  const first = state.models.find((m) => m.model === asked) || state.models.find((m) => m.state === "available") || state.models[0];
  if (first) select.value = first.model;
  chooseModel();
}

function chooseModel() {
  const model = state.models.find((m) => m.model === $("model").value);
  state.model = model;
  if (!model) return;
  $("model-description").textContent = model.description || "";
  const notice = $("model-notice");
  if (model.state !== "available") {
    notice.textContent = model.state === "paused"
      ? `${model.model} is paused at the provider${model.pausedUntil ? ` until ${new Date(model.pausedUntil).toLocaleString()}` : ""}. Pick another model: a paused one cannot be bought.`
      : `${model.model} is not on sale right now. Pick another model.`;
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
  const prompt = $("prompt");
  prompt.minLength = model.prompt?.minLength ?? 1;
  prompt.maxLength = model.prompt?.maxLength ?? 5000;
  renderOptions(model);
  updatePrice();
}

function renderOptions(model) {
  const fields = Object.entries(model.options || {}).map(([name, spec]) => optionField(name, spec));
  $("options").replaceChildren(...fields);
  $("options-box").hidden = fields.length === 0;
}

function optionField(name, spec) {
  const id = `opt-${name}`;
  const label = el("label", { for: id, text: name.replaceAll("_", " ") });
  let input;
  let hint = "";
  switch (spec.type) {
    case "enum":
      input = el("select", { id }, ...spec.values.map((v) => el("option", { value: String(v), text: String(v) })));
      if (spec.default != null) input.value = String(spec.default);
      break;
    case "boolean":
      input = el("input", { id, type: "checkbox", checked: spec.default === true });
      break;
    case "integer":
      input = el("input", { id, type: "number", inputmode: "numeric", step: "1", min: spec.minimum, max: spec.maximum, value: spec.default ?? "" });
      hint = `${spec.minimum ?? ""}–${spec.maximum ?? ""}`;
      break;
    case "image-urls":
      input = el("textarea", { id, rows: "2", placeholder: "https://… one image URL per line" });
      hint = `images the model starts from: ${spec.minCount ?? 0}–${spec.maxCount ?? ""} https URLs`;
      break;
    case "image-url":
      input = el("input", { id, type: "url", placeholder: "https://…" });
      hint = "an image URL (https)";
      break;
    default:
      input = el("input", { id, type: "text", maxlength: spec.maxLength, value: spec.default ?? "" });
  }
  input.dataset.option = name;
  input.dataset.type = spec.type;
  if (spec.needs) hint = `${hint}${hint ? "; " : ""}needs ${[].concat(spec.needs).join(", ")}`;
  input.addEventListener("input", updatePrice);
  input.addEventListener("change", updatePrice);
  const field = el("div", { class: `field field-${spec.type}` });
  if (spec.type === "boolean") field.append(input, label);
  else field.append(label, input);
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute("aria-describedby", hintId);
    field.append(el("small", { id: hintId, text: hint }));
  }
  return field;
}

/** The options as the gateway takes them: what the person set, blanks left out. */
function chosenOptions() {
  const options = {};
  for (const input of document.querySelectorAll("[data-option]")) {
    const name = input.dataset.option;
    switch (input.dataset.type) {
      case "boolean": options[name] = input.checked; break;
      case "integer": if (input.value !== "") options[name] = Number(input.value); break;
      case "image-urls": {
        const urls = input.value.split(/\s+/).filter(Boolean);
        if (urls.length) options[name] = urls;
        break;
      }
      default: if (input.value !== "") options[name] = input.value;
    }
  }
  return options;
}

function currentQuote() {
  const model = state.model;
  const withDefaults = {};
  for (const [name, spec] of Object.entries(model.options || {})) if (spec.default != null) withDefaults[name] = spec.default;
  return quote(model.price, { ...withDefaults, ...chosenOptions() });
}

function updatePrice() {
  if (!state.model) return;
  const q = currentQuote();
  $("price").textContent = `$${formatUsd(q.totalMicros)}`;
  $("price-breakdown").replaceChildren(...q.items.map((i) => el("li", { text: `${i.item}: $${formatUsd(i.micros)}` })));
  $("pay").textContent = `Pay $${formatUsd(q.totalMicros)} USDC and generate`;
  $("pay").disabled = state.model.state !== "available";
}

// --- paying and following ----------------------------------------------------------------------------------------

async function account() {
  if (!state.account) {
    state.account = await connect();
    $("wallet").textContent = `Wallet ${state.account.address.slice(0, 6)}…${state.account.address.slice(-4)}`;
  }
  return state.account;
}

async function buy(event) {
  event.preventDefault();
  const model = state.model;
  if (!model || model.state !== "available") return;
  const prompt = $("prompt").value.trim();
  const body = { model: model.model, prompt, options: chosenOptions() };
  const price = currentQuote().totalMicros;
  $("pay").disabled = true;
  $("result").hidden = true;
  try {
    const pay = payingFetch(
      () => (say("Connecting to your wallet…"), account()),
      price,
      () => say("Confirm the payment in your wallet…")
    );
    say("Asking the gateway for its price…");
    const answer = await pay("/api/generate", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const result = await answer.json().catch(() => null);
    if (!answer.ok && answer.status !== 202) {
      say(refusalText(answer.status, result), "error");
      // the gateway has just learned the model is paused: show it so, without a reload
      if (result && /^model_(paused|unavailable)$/.test(result.error)) await loadModels(model.model).catch(() => {});
      return;
    }
    // paid (or free): from here a failure is the gateway's to explain, not the wallet's
    await follow(result.generationId, result.accessToken, result).catch((error) => say(error.message, "error"));
  } catch (error) {
    say(walletErrorText(error), "error");
  } finally {
    $("pay").disabled = state.model.state !== "available";
  }
}

function showProgress(generation) {
  const words = { queued: "Waiting for the provider's capacity", processing: "Generating", pending: "Starting", completed: "Done" };
  const position = generation.queue?.position ? ` (position ${generation.queue.position})` : "";
  say(`${words[generation.state] || generation.state}${position}… ${generation.generationId}`);
  $("progress").hidden = generation.state === "completed" || generation.state === "failed";
}

async function readStatus(id, token, wait) {
  const answer = await fetch(`/api/generate/${encodeURIComponent(id)}?poll=${wait}`, {
    headers: { Accept: "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const body = await answer.json().catch(() => null);
  if (!answer.ok) throw new Error(refusalText(answer.status, body));
  return body;
}

/** Until the video is final and our copy is made: long-polls (the gateway holds the request), then plays it. */
async function follow(id, token, first) {
  let generation = first || (await readStatus(id, token, false));
  showProgress(generation);
  while (generation.state !== "failed" && (generation.state !== "completed" || generation.storage?.status === "copying")) {
    if (generation.state === "completed") await new Promise((r) => setTimeout(r, 1000)); // the copy takes seconds
    generation = await readStatus(id, token, generation.state !== "completed");
    showProgress(generation);
  }
  $("progress").hidden = true;
  if (generation.state === "failed") {
    say(generation.message || "The generation failed; its payment was not kept.", "error");
    return;
  }
  await play(generation, token ? { Authorization: `Bearer ${token}` } : {});
}

/** Plays our copy; credential: the headers that open it (the access token, or a SIGN-IN-WITH-X proof). */
async function play(generation, credential) {
  const url = generation.result;
  const ours = url && new URL(url, location.href).origin === location.origin;
  if (!ours) {
    say("The video is ready, but only at the provider's link (no copy could be made here).", "error");
    showLink(url);
    return;
  }
  say("Loading the video…");
  // our copy needs the access token (or a proof), which a <video src> cannot send: fetched once, played from memory
  const answer = await fetch(new URL(url, location.href).pathname, { headers: credential });
  if (!answer.ok) {
    say(refusalText(answer.status, await answer.json().catch(() => null)), "error");
    return;
  }
  if (state.videoUrl) URL.revokeObjectURL(state.videoUrl);
  state.videoUrl = URL.createObjectURL(await answer.blob());
  const video = $("video");
  video.src = state.videoUrl;
  const download = $("download");
  download.href = state.videoUrl;
  download.download = `${generation.generationId}.mp4`;
  $("result").hidden = false;
  say(`Your video is ready (${generation.generationId}).`, "done");
  video.focus();
}

function showLink(url) {
  if (!url) return;
  $("result").hidden = false;
  $("download").href = url;
  $("download").removeAttribute("download");
}

// --- my videos ---------------------------------------------------------------------------------------------------

/** A page of the wallet's videos (one signature), appended to the list; cursor null: the first page, newest first. */
async function showMyVideos(cursor) {
  const list = $("my-videos-list");
  const status = $("my-videos-status");
  $("sign-in").disabled = $("more-videos").disabled = true;
  try {
    const signing = account().then((a) => ((status.textContent = "Sign the sign-in message in your wallet (nothing is paid)…"), a));
    // the page size is index.html's to choose (data-page-size), 1 to 100
    const pageSize = Math.min(100, Math.max(1, Number(list.dataset.pageSize) || 10));
    const page = await myVideos(await signing, state.models, pageSize, cursor);
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map(videoItem));
    status.textContent = list.children.length ? "" : "No videos paid for by this wallet yet.";
    $("more-videos").hidden = !page.next;
    $("more-videos").onclick = () => showMyVideos(page.next);
  } catch (error) {
    status.textContent = error.answer ? refusalText(error.status, error.answer) : walletErrorText(error, "sign in");
  } finally {
    $("sign-in").disabled = $("more-videos").disabled = false;
  }
}

/** One line of "My videos": when, which model, its state; a completed one can be played (one more signature). */
function videoItem(item) {
  const when = item.createdAt ? new Date(item.createdAt).toLocaleString() : "";
  const words = { completed: "ready", failed: "failed", processing: "generating", queued: "waiting", pending: "starting" };
  const line = el("li", { "data-generation": item.generationId },
    el("span", { text: [when, item.model, words[item.state] || item.state || item.error].filter(Boolean).join(" · ") }));
  const ours = item.result && new URL(item.result, location.href).origin === location.origin;
  const copying = item.storage?.status === "copying";
  if (item.state === "completed" && ours && !copying) {
    const button = el("button", { type: "button", text: "Play", "aria-label": `Play ${item.generationId}` });
    button.addEventListener("click", () => playMine(item, button));
    line.append(button);
  } else if (item.state === "completed" && copying) {
    line.append(el("small", { text: "our copy is being made: sign in again in a moment to play it" }));
  } else if (item.state === "completed" && item.result && !ours) {
    line.append(el("a", { href: item.result, rel: "noopener noreferrer", text: "Provider's link" }));
  } else if (item.state === "completed") {
    line.append(el("small", { text: "the copy is being made: sign in again in a moment" }));
  } else if (item.state !== "failed" && item.generationId) {
    // still in progress: one signature holds a request open until it ends (the gateway's long-poll)
    const button = el("button", { type: "button", text: "Follow", "aria-label": `Follow ${item.generationId}` });
    button.addEventListener("click", () => followMine(item, line, button));
    line.append(button);
  } else if (item.message || item.failMsg) {
    line.append(el("small", { text: item.message || item.failMsg }));
  }
  return line;
}

/** Follows a video still in progress: one signature, one long-poll held until it ends; its line is then redrawn. */
async function followMine(item, line, button) {
  button.disabled = true;
  try {
    say("Sign the sign-in message in your wallet to follow this video (nothing is paid)…");
    const credential = await signedHeader(await account(), state.models);
    say(`Following ${item.generationId} until it ends…`);
    $("progress").hidden = false;
    const answer = await fetch(`/api/generate/${encodeURIComponent(item.generationId)}?poll=true`, {
      headers: { Accept: "application/json", ...credential },
    });
    const body = await answer.json().catch(() => null);
    if (!answer.ok) {
      say(refusalText(answer.status, body), "error");
      return;
    }
    line.replaceWith(videoItem({ ...item, ...body }));
    const ended = { completed: `${item.generationId} is ready.`, failed: `${item.generationId} failed; its payment was not kept.` };
    say(ended[body.state] || `${item.generationId} is still in progress: follow it again.`, body.state === "failed" ? "error" : "done");
  } catch (error) {
    say(walletErrorText(error, "sign in"), "error");
  } finally {
    $("progress").hidden = true;
    button.disabled = false;
  }
}

/** Each read needs its own proof (the gateway's rule: a proof is good once), so playing asks for one more signature. */
async function playMine(item, button) {
  button.disabled = true;
  try {
    say("Sign the sign-in message in your wallet to open this video (nothing is paid)…");
    await play(item, await signedHeader(await account(), state.models));
  } catch (error) {
    say(error.answer ? refusalText(error.status, error.answer) : walletErrorText(error, "sign in"), "error");
  } finally {
    button.disabled = false;
  }
}

// --- start -------------------------------------------------------------------------------------------------------

$("model").addEventListener("change", chooseModel);
$("buy").addEventListener("submit", buy);
$("sign-in").addEventListener("click", () => showMyVideos(null));
loadModels().catch((error) => say(`The models could not be read: ${error.message}`, "error"));
listingAvailable().then((yes) => ($("my-videos").hidden = !yes));
