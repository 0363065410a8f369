/**
 * Dev-only demo of the stage (served by `vite` at /stage-demo.html; not a build input): mounts the stage
 * on a synthetic trace. Query: ?backlog=1000 &locale=zh-CN &theme=dark &reduced=1 &step=N &tables=1.
 * Exposes `window.__stage` (handle), `window.__ops` (emitted ops) for scripted screenshots.
 */
import "../styles/app.css";
import { demoTrace } from "./demo-trace.js";
import { mountStage } from "./stage.js";
import type { TimedOp } from "./run-types.js";

const q = new URLSearchParams(location.search);
if (q.get("theme") === "dark") document.documentElement.dataset["theme"] = "dark";
const locale = q.get("locale") === "zh-CN" ? "zh-CN" : "en";
const reduced = q.get("reduced") === "1" || matchMedia("(prefers-reduced-motion: reduce)").matches;
const stage = mountStage(document.getElementById("demo")!, { locale, reducedMotion: reduced });
const trace = demoTrace({ backlog: Number(q.get("backlog") ?? "0"), writes: Number(q.get("writes") ?? "12") });
const ops: TimedOp[] = [];
stage.onAction((op) => ops.push(op));
stage.load({ trace, log: [], hash: "demo" }, { failedSteps: q.has("fail") ? [Number(q.get("fail"))] : [] });
if (q.has("step")) stage.seek(Number(q.get("step")));
Object.assign(window, { __stage: stage, __ops: ops, __trace: trace });
