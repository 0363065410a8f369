/** Compile errors as the app lists them under the editor (never hover-only). */
export interface Diagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
}

type MessageChain = string | { messageText: string; next?: MessageChain[] };

/** Flattens a TypeScript DiagnosticMessageChain into one readable string (first line of each level). */
export function flattenMessage(m: MessageChain | undefined): string {
  if (m === undefined) return "";
  if (typeof m === "string") return m;
  const parts: string[] = [];
  let cur: MessageChain | undefined = m;
  let depth = 0;
  while (cur !== undefined && depth < 4) {
    parts.push(typeof cur === "string" ? cur : cur.messageText);
    cur = typeof cur === "string" ? undefined : cur.next?.[0];
    depth++;
  }
  return parts.join(" — ");
}
