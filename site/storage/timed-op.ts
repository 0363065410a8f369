/**
 * Whether an untrusted value (a share link's or a progress file's actions) is a TimedOp the engine can
 * apply. Its own module so that the drafts store (loaded by the lesson map, the first screen) checks
 * backups without pulling in lz-string and the share-link codec, which only a lesson needs.
 */
import type { TimedOp } from "../../src/scenario/index.js";

const FAULTS = new Set(["dropWatches", "compact", "partition", "heal", "restart"]);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isName = (x: unknown): x is string => typeof x === "string" && x.length > 0 && x.length <= 253;
const isNum = (x: unknown, max: number): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= max;

/** Every op kind the engine knows: a new kind fails the type-check here until isTimedOp handles it. */
const OP_KINDS: Record<TimedOp["op"], true> = { create: true, update: true, apply: true, delete: true, label: true, bind: true, fault: true, slowHandler: true };

/** Whether `x` is a TimedOp the engine can apply (a share link is untrusted input). */
export function isTimedOp(x: unknown): x is TimedOp {
  if (!isObj(x) || !isNum(x["at"], 1e9) || typeof x["op"] !== "string" || !Object.hasOwn(OP_KINDS, x["op"])) return false;
  // Placed after a step (TimedOp.afterStep): a step number.
  if (x["afterStep"] !== undefined && !(Number.isSafeInteger(x["afterStep"]) && isNum(x["afterStep"], 1e7))) return false;
  const resourceOk = () => typeof x["resource"] === "string" && /^[a-z][a-z0-9]{0,62}$/.test(x["resource"]);
  const nsOk = () => x["namespace"] === undefined || isName(x["namespace"]);
  switch (x["op"]) {
    case "create": case "update": case "apply":
      return resourceOk() && isObj(x["object"]) && isObj(x["object"]["metadata"]) && isName(x["object"]["metadata"]["name"]);
    case "delete":
      return resourceOk() && nsOk() && isName(x["name"]) && (x["gracePeriodSeconds"] === undefined || isNum(x["gracePeriodSeconds"], 1e6));
    case "label":
      return resourceOk() && nsOk() && isName(x["name"]) && isObj(x["labels"]) &&
        Object.values(x["labels"]).every((v) => v === null || (typeof v === "string" && v.length <= 63));
    case "bind":
      return nsOk() && isName(x["name"]) && isName(x["node"]);
    case "fault":
      return typeof x["fault"] === "string" && FAULTS.has(x["fault"]) && (x["mode"] === undefined || x["mode"] === "refused" || x["mode"] === "timeout") &&
        (x["durationMs"] === undefined || (x["fault"] === "partition" && isNum(x["durationMs"], 3.6e6) && (x["durationMs"] as number) > 0));
    case "slowHandler":
      return Number.isSafeInteger(x["handler"]) && isNum(x["handler"], 100) && isNum(x["delayMs"], 1e7);
    default:
      return false;
  }
}
