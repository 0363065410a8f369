/**
 * englishSentences — the runs of English prose in a text meant to be Chinese (issue 21 item 4: "every
 * failing goal's reason in zh-CN is Chinese").
 *
 * Contract: code spans (`…`), quoted text ("…", “…”, 「…」, which is how reasons quote log lines) and
 * `{placeholders}` are removed first; what remains is searched for three or more Latin words in a row
 * (separated by spaces or commas), which is a sentence fragment, not an identifier, a kind ("Pod", "LIST"),
 * a key ("default/web-1") or a term kept in English ("API Server", "Informer"). Returns the runs found.
 */
const STRIP = [/`[^`]*`/g, /"[^"]*"/g, /“[^”]*”/g, /「[^」]*」/g, /\{[A-Za-z][A-Za-z0-9]*\}/g];
const RUN = /[A-Za-z][A-Za-z']*(?:[ \t]*,?[ \t]+[A-Za-z][A-Za-z']*){2,}/g;

export function englishSentences(text: string): string[] {
  let rest = text;
  for (const re of STRIP) rest = rest.replace(re, " ");
  return [...rest.matchAll(RUN)].map((m) => m[0]);
}

/** True when the text holds at least one CJK ideograph. */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
