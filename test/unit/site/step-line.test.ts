// @vitest-environment happy-dom
/**
 * The editor line of the current step (issue 21 item 10, site/shell/lesson/step-line.ts): which steps
 * have a line, and that the mark is shown only while the editor holds the code that ran.
 */
import { describe, expect, it } from "vitest";
import type { EditorFacade } from "../../../site/editor/create-editor";
import { lineOfStep, StepLine } from "../../../site/shell/lesson/step-line";
import { hashText } from "../../../site/storage/hash";
import type { KnownTraceEvent } from "../../../src/sim/index.js";

const trace = [
  { seq: 1, time: 0, component: "runner", kind: "runner.start", seed: 1, durationMs: 1000 },
  { seq: 2, time: 0, component: "handler", kind: "handler.called", name: "pods", listener: 0, notification: "add", key: "default/a", resourceVersion: "1", isInInitialList: true, pending: 0, src: { line: 8, col: 14 } },
  { seq: 3, time: 0, component: "runner", kind: "runner.log", text: "Pod added: a", src: { line: 9, col: 7 } },
  { seq: 4, time: 0, component: "handler", kind: "handler.returned", name: "pods", listener: 0, notification: "add", key: "default/a" },
  { seq: 5, time: 0, component: "handler", kind: "handler.threw", name: "pods", listener: 0, notification: "update", key: "default/a", message: "boom", line: 12 },
  { seq: 6, time: 0, component: "worker", kind: "worker.reconcile", controller: "c", worker: 0, key: "default/a", src: { line: 20, col: 5 } },
  { seq: 7, time: 0, component: "runner", kind: "runner.log", text: "no position" },
  { seq: 8, time: 0, component: "runner", kind: "runner.error", message: "x", line: 3 },
  { seq: 9, time: 0, component: "server", kind: "server.request", requestId: 7, verb: "get", resource: "nodes", origin: "code", src: { line: 30, col: 9 } },
  { seq: 10, time: 0, component: "server", kind: "server.request", requestId: 8, verb: "list", resource: "pods", origin: "informer", client: "reflector:pods" },
] as KnownTraceEvent[];

function fakeEditor(text: string) {
  const marks: Array<number | undefined> = [];
  const editor = { text, getText: () => editor.text, markStepLine: (line: number | undefined) => marks.push(line) };
  return { editor, marks, facade: editor as unknown as EditorFacade };
}

describe("the editor line of a step", () => {
  it("is the src line of handler calls, reconciles, log lines and the learner's requests, the error line of errors, and nothing else", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((s) => lineOfStep(trace, s))).toEqual([undefined, undefined, 8, 9, undefined, 12, 20, undefined, 3, 30, undefined, undefined]);
  });

  it("is marked while the editor holds the code that ran; an edit clears it and says so; undo brings it back", () => {
    const code = "export default function main() {}\n";
    const { editor, marks, facade } = fakeEditor(code);
    const box = document.createElement("div");
    const sl = new StepLine(() => facade, box);
    sl.setRun(trace, hashText(code));
    sl.show(2);
    sl.show(3);
    sl.show(4);
    expect(marks.slice(-3)).toEqual([8, 9, undefined]);
    expect(box.dataset["stepLineState"]).toBeUndefined();
    sl.show(3);
    editor.text = `${code}// more\n`;
    sl.edited(editor.text);
    expect(marks.at(-1)).toBeUndefined();
    expect(box.dataset["stepLineState"]).toBe("stale");
    sl.show(2);
    expect(marks.at(-1)).toBeUndefined();
    editor.text = code;
    sl.edited(code);
    expect(marks.at(-1)).toBe(8);
    expect(box.dataset["stepLineState"]).toBeUndefined();
  });

  it("shows nothing for a run of other code than the editor's (the run was compiled before an edit)", () => {
    const { marks, facade } = fakeEditor("edited\n");
    const box = document.createElement("div");
    const sl = new StepLine(() => facade, box);
    sl.setRun(trace, hashText("what ran\n"));
    sl.show(2);
    expect(marks.at(-1)).toBeUndefined();
    expect(box.dataset["stepLineState"]).toBe("stale");
  });
});
