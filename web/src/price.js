// The price of a request, computed from GET /api/models' price rule exactly as the gateway does (catalog/PriceRule):
// the base plus every term whose "when" matches, a term adding a fixed amount or an amount per unit of an option.
// Amounts are USDC micro-units (6 decimals) in BigInt, so nothing is lost to floating point.

export function toMicros(usd) {
  const text = String(usd).trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const micros = BigInt(whole || "0") * 1_000_000n + BigInt((fraction + "000000").slice(0, 6));
  return negative ? -micros : micros;
}

export function formatUsd(micros) {
  const cents = (micros + 5_000n) / 10_000n; // what a person reads: dollars and cents
  const exact = micros % 10_000n === 0n;
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return exact ? text : `${text} (${Number(micros) / 1e6})`;
}

function applies(term, options) {
  return Object.entries(term.when || {}).every(([name, value]) => name in options && String(options[name]) === String(value));
}

/** { totalMicros, items: [{item, micros}] } for these options (defaults already filled in). */
export function quote(rule, options) {
  const items = [{ item: "base", micros: toMicros(rule.baseUsd) }];
  for (const term of rule.terms || []) {
    if (!applies(term, options)) continue;
    const label = Object.entries(term.when || {}).map(([n, v]) => `${n}=${v}`);
    if (term.per) {
      const units = toMicros(options[term.per]);
      label.push(`${term.per}=${options[term.per]} × ${term.usdPerUnit}`);
      items.push({ item: label.join(", "), micros: (toMicros(term.usdPerUnit) * units) / 1_000_000n });
    } else {
      items.push({ item: label.join(", "), micros: toMicros(term.addUsd) });
    }
  }
  return { totalMicros: items.reduce((sum, i) => sum + i.micros, 0n), items };
}
