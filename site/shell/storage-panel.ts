/**
 * The storage panel on the lesson map (issue 14 item 4): what this app keeps in the browser's local
 * storage, and ways to free it without losing work.
 *
 * Contract: shows the total size and the size of drafts, progress and the rest (UTF-16: two bytes a
 * character, as browsers count their ~5 MB quota); "Download my code" saves every draft as one JSON file
 * before anything is deleted; "Delete drafts" and "Forget progress" ask first. Everything is text.
 */
import type { Translate } from "../i18n/index";
import type { Progress } from "../storage/progress";
import type { Store } from "../storage/store";
import { h } from "./dom";

export interface StorageUse {
  total: number;
  drafts: { count: number; bytes: number };
  progress: number;
  other: number;
}

export function storageUse(store: Store): StorageUse {
  const use: StorageUse = { total: 0, drafts: { count: 0, bytes: 0 }, progress: 0, other: 0 };
  for (const key of store.keys()) {
    const bytes = 2 * (key.length + (store.get(key)?.length ?? 0));
    use.total += bytes;
    if (key.startsWith("draft:")) {
      use.drafts.count++;
      use.drafts.bytes += bytes;
    } else if (key === "progress" || key.startsWith("passed:")) { // passed marks, and the code that passed
      use.progress += bytes;
    } else {
      use.other += bytes;
    }
  }
  return use;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** Every draft as { lessonId: code } in one downloaded JSON file. */
export function downloadDrafts(store: Store): void {
  const drafts: Record<string, string> = {};
  for (const key of store.keys()) {
    if (!key.startsWith("draft:")) continue;
    try {
      const code = (JSON.parse(store.get(key) ?? "{}") as { code?: unknown }).code;
      if (typeof code === "string") drafts[key.split(":")[1] ?? key] = code;
    } catch {
      /* a broken entry has nothing to save */
    }
  }
  download("informer-playground-code.json", JSON.stringify({ app: "informer-playground", drafts }, null, 2));
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function renderStoragePanel(o: { t: Translate; store: Store; progress: Progress; changed(): void }): HTMLElement {
  const { t, store, progress } = o;
  const use = storageUse(store);
  const forgetDrafts = () => {
    if (!window.confirm(t("storage.drafts.confirm", { n: use.drafts.count }))) return;
    for (const key of store.keys()) if (key.startsWith("draft:") || key.startsWith("pending:")) store.remove(key);
    o.changed();
  };
  const forgetProgress = () => {
    if (!window.confirm(t("storage.progress.confirm"))) return;
    progress.forget();
    o.changed();
  };
  return h("section", { class: "card storage-panel", "data-testid": "storage-panel", "aria-label": t("storage.title") },
    h("h2", { class: "section-title" }, t("storage.title")),
    h("p", { "data-testid": "storage-used" }, t("storage.used", {
      total: formatBytes(use.total), drafts: use.drafts.count, draftBytes: formatBytes(use.drafts.bytes),
      progress: formatBytes(use.progress), other: formatBytes(use.other),
    })),
    store.persistent ? null : h("p", { class: "muted" }, t("error.storage")),
    h("div", { class: "storage-actions" },
      h("button", { type: "button", class: "button small", "data-testid": "download-drafts", disabled: use.drafts.count === 0, onclick: () => downloadDrafts(store) }, t("storage.download")),
      h("button", { type: "button", class: "button small", "data-testid": "delete-drafts", disabled: use.drafts.count === 0, onclick: forgetDrafts }, t("storage.drafts.delete")),
      h("button", { type: "button", class: "button small", "data-testid": "forget-progress", disabled: use.progress === 0, onclick: forgetProgress }, t("storage.progress.forget"))));
}
