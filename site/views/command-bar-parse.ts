/**
 * The kubectl-style command bar, parsed — pure (no DOM): `parseCommand(line, context)` either answers a
 * question (`get`), or produces exactly one `TimedOp` at the current step's virtual time, or returns an
 * error that says what was wrong. Bad input never produces an op.
 *
 * Supported (a small, honest subset of kubectl):
 *   get <resource> [name] [-n ns | -A] [-o yaml|json]
 *   create <kind> <name> [-n ns] [--image=img] [--replicas=n] [--from-literal=k=v]...  (pod, configmap,
 *          deployment, namespace, service)
 *   create -f <yaml>  /  apply -f <yaml>   (inline YAML or JSON; `\n` in the line stands for a newline)
 *   delete <resource> <name> [-n ns] [--grace-period=s]
 *   label <resource> <name> k=v... k-... [-n ns]
 *   scale deployment|replicaset <name> --replicas=n [-n ns]
 *   bind pod <name> --node=<node> [-n ns]   (the pods/binding subresource, as the scheduler writes it)
 * Playground faults (not kubectl): partition [refused|timeout] [<duration>], heal, compact, drop-watches,
 * restart, slow-handler <handler> <delay> (command-bar/faults.ts).
 * `get` answers from the server objects of the WorldView at the current step.
 */
import { fault, slowHandler } from "./command-bar/faults.js";
import { get } from "./command-bar/get.js";
import type { CommandContext, CommandResult } from "./command-bar/types.js";
import { bind, create, del, label, objectFromManifest, scale } from "./command-bar/writes.js";
import { checkName, one, splitFlags, tokenize } from "./command-bar/words.js";
import type { TimedOp } from "./run-types.js";

export type { CommandContext, CommandResult } from "./command-bar/types.js";
export { resourceInfo } from "./command-bar/resources.js";
export { tokenize } from "./command-bar/words.js";

/** Parses one command line at the current step. Never throws: errors come back as `{ ok: false }`. */
export function parseCommand(line: string, ctx: CommandContext): CommandResult {
  try {
    // create/apply -f take the rest of the line verbatim as the manifest (YAML spacing matters).
    const manifest = /^\s*(?:kubectl\s+)?(create|apply)\s+(?:-f|--filename)(?:=|\s+)([\s\S]*)$/.exec(line);
    if (manifest !== null) {
      let text = manifest[2]!.trim();
      if (text === "") return { ok: false, error: `${manifest[1]}: -f needs a manifest, e.g. ${manifest[1]} -f {kind: Pod, metadata: {name: web-9}}` };
      if (text.length >= 2 && (text[0] === "'" || text[0] === '"') && text.endsWith(text[0]!)) text = text.slice(1, -1);
      const { resource, object } = objectFromManifest(text, ctx.namespace ?? "default");
      const apply = manifest[1] === "apply";
      const op: TimedOp = { op: apply ? "apply" : "create", resource, object, at: ctx.at };
      return { ok: true, op, message: `${object.kind?.toLowerCase()}/${object.metadata.name} ${apply ? "applied" : "created"} at t=${ctx.at} ms` };
    }
    let words = tokenize(line.trim());
    if (words[0] === "kubectl") words = words.slice(1);
    const [verb, ...rest] = words;
    if (verb === undefined) return { ok: false, error: "type a command, e.g. get pods" };
    const f = splitFlags(rest);
    const ns = one(f, "-n", "--namespace") ?? ctx.namespace ?? "default";
    if (ns !== (ctx.namespace ?? "default")) checkName(ns, "namespace");
    switch (verb) {
      case "get":
        return get(f, ctx, ns);
      case "create":
        return create(f, ctx, ns, false);
      case "apply":
        return create(f, ctx, ns, true);
      case "delete":
        return del(f, ctx, ns);
      case "label":
        return label(f, ctx, ns);
      case "scale":
        return scale(f, ctx, ns);
      case "bind":
        return bind(f, ctx, ns);
      case "partition": case "heal": case "compact": case "drop-watches": case "restart":
        return fault(verb, f, ctx);
      case "slow-handler":
        return slowHandler(f, ctx);
      default:
        return { ok: false, error: `unknown command "${verb}" (get, create, apply -f, delete, label, scale, bind; faults: partition [refused|timeout] [4s], heal, compact, drop-watches, restart, slow-handler <n> <ms>; help lists them)` };
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
