/**
 * "Spot the bugs" cards — a ```bugs fence in a lesson (issue 20 item 5). Runs at build time with the
 * lesson compiler, never in the browser.
 *
 * Contract: the fence body is YAML `{ title, question, lang, code, reveal, bugs: [{ line, text }] }`.
 * It renders as a card (data-testid="spot-bugs"): the title, the question, the code with line
 * numbers, and the bugs folded in a <details> (each names its line). Bad YAML renders as plain code, as
 * a bad ```predict fence does. All text goes through the markdown renderer's inline mode (no raw HTML).
 */
import { parse as parseYaml } from "yaml";

export interface CardTools {
  highlight(code: string, info: string): string;
  inline(text: string): string;
  escape(text: string): string;
}

interface Bug { line?: number; text?: string }

export function renderBugsCard(source: string, tools: CardTools): string {
  let card: Record<string, unknown>;
  try {
    card = (parseYaml(source) ?? {}) as Record<string, unknown>;
  } catch {
    return `<pre><code>${tools.escape(source)}</code></pre>\n`;
  }
  const code = String(card["code"] ?? "").replace(/\n$/, "");
  const lang = String(card["lang"] ?? "go");
  const lines = tools.highlight(code, lang).split("\n");
  const bugs = Array.isArray(card["bugs"]) ? (card["bugs"] as Bug[]) : [];
  const marked = new Set(bugs.map((b) => b.line).filter((n): n is number => typeof n === "number"));
  const numbered = lines.map((l, i) =>
    `<span class="bugs-line${marked.has(i + 1) ? " has-bug" : ""}" data-line="${i + 1}">${l}</span>`).join("\n");
  return `<div class="spot-bugs" data-testid="spot-bugs" data-bugs="${bugs.length}">\n` +
    `<p class="spot-bugs-title">${tools.inline(String(card["title"] ?? ""))}</p>\n` +
    `<p class="spot-bugs-question">${tools.inline(String(card["question"] ?? ""))}</p>\n` +
    `<pre class="spot-bugs-code"><code class="hljs language-${tools.escape(lang)}">${numbered}</code></pre>\n` +
    `<details class="spot-bugs-reveal"><summary>${tools.inline(String(card["reveal"] ?? `Show the ${bugs.length} bugs`))}</summary>\n<ol>\n` +
    bugs.map((b) => `<li${b.line === undefined ? "" : ` data-line="${b.line}"`}>` +
      `${b.line === undefined ? "" : `<span class="bugs-at">${b.line}</span> `}${tools.inline(String(b.text ?? ""))}</li>\n`).join("") +
    `</ol>\n</details>\n</div>\n`;
}
