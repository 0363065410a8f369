/**
 * Accepted differences between the simulated cluster and kube-apiserver v1.37.2 — the one reviewed list.
 * Each entry names its docs/realapi-differences.md item, the scenarios, the JSON paths (and optionally
 * the steps) it covers, and why the simulator keeps its behaviour. The differential suite
 * (differential.realapi.ts) passes a scenario when every difference is covered by an entry, and fails
 * on any other difference, and on an entry that no longer matches anything in one of its scenarios
 * (then the difference was fixed: delete the entry).
 *
 * Path patterns (`matchesPath`) are matched against a difference's path as the report prints it
 * ("response.body.items[s1].metadata.managedFields", "events[0].type", "response.status"):
 * - `*` is any run of characters inside one segment (no ".", "[" or "]");
 * - `**` is anything, also across segments;
 * - `[]` is any one index or key ("[0]", "[s1]", "[pods/exec]");
 * - anything else is literal, and a pattern also covers every path below the one it names.
 */

export interface AcceptedDifference {
  /** The item in docs/realapi-differences.md (D1…D19). */
  readonly id: string;
  readonly scenarios: readonly string[];
  readonly paths: readonly string[];
  /** Only at these steps (the transcript's step labels); at every step when absent. */
  readonly steps?: readonly string[];
  readonly reason: string;
}

/** Subresources a real server lists and the sim does not serve (D16). */
const UNSERVED: ReadonlyArray<readonly [string, string]> = [
  ["namespaces", "finalize"], ["nodes", "proxy"], ["services", "proxy"],
  ...["attach", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize"].map((s) => ["pods", s] as const),
];
const UNSERVED_REASON = "Subresources the sim does not serve are not advertised: pods attach/exec/log/portforward/proxy/eviction/" +
  "resize/ephemeralcontainers, namespaces/finalize, nodes/proxy, services/proxy (there are no containers, kubelets or proxies).";

const ALL_WRITING = ["crud", "deletes", "patches", "selectors", "paging", "watches", "tables", "bad-input", "subresources", "compaction"];

export const ACCEPTED: readonly AcceptedDifference[] = [
  {
    id: "D1", scenarios: ALL_WRITING, paths: ["**.metadata.managedFields"],
    reason: "Field ownership is not tracked: the simulator has no structured-merge-diff (managedFields needs each kind's schema: " +
      "associative list keys, atomic fields). No informer reads managedFields (client-go programs usually strip them with a " +
      "transform), and the lessons never show them.",
  },
  {
    id: "D10", scenarios: ["patches"], steps: ["18", "21", "22"], paths: ["response"],
    reason: "Server-side apply without field ownership (D1's consequence) cannot detect a conflict between managers: the sim " +
      "applies (200) where the real server answers 409 FieldManagerConflict, so the applied object differs afterwards.",
  },
  {
    id: "D6", scenarios: ["tables", "watches"], paths: ["**.columnDefinitions[].description"],
    reason: "Column descriptions are the first sentence of the field documentation (the real server sends the whole OpenAPI " +
      "description, several paragraphs for Name). kubectl never prints them.",
  },
  {
    id: "D8", scenarios: ["compaction"], steps: ["11"], paths: ["events", "end"],
    reason: "The sim's compact fault also empties the watch window (spec/apiserver.md F1: the teaching fault for ERROR 410 on a " +
      "watch). A real 1.37 watch cache keeps its event history through an etcd compaction and answers 410 only once the RV " +
      "has left that window. Lists already behave alike (Exact and continue answer 410 on both).",
  },
  {
    id: "D11", scenarios: ["bad-input"], steps: ["7"], paths: ["response"],
    reason: "NamespaceLifecycle's 404 for a namespace without a Namespace object is not modelled: the simulated worlds " +
      "(lessons, scenarios, the oracle, learners' programs) create objects in namespaces nothing declares. Its other half, " +
      "403 in a terminating namespace, is (admission.ts).",
  },
  {
    id: "D11", scenarios: ["bad-input"], steps: ["11"], paths: ["response"],
    reason: "A Pod without containers is accepted: the in-process worlds and tests create spec-less pods for brevity (seen when " +
      "this rule was tried: 3 unit tests and more callers broke). kubectl cannot send such a pod.",
  },
  {
    id: "D11", scenarios: ["bad-input"], steps: ["9", "10", "20", "24"], paths: ["response.body.metadata.resourceVersion", "response.body.metadata.uid", "events[].object.metadata.resourceVersion", "events[].object.metadata.uid"],
    reason: "Consequence of the two accepted D11 items: the sim stored the objects of steps 7 and 11, so later uids and RVs are " +
      "numbered two further on (the normalizer labels them by order of appearance).",
  },
  {
    id: "D16", scenarios: ["discovery"], steps: ["0"],
    paths: UNSERVED.map(([r, sub]) => `response.body.items[0].versions[0].resources[${r}].subresources[${sub}]`),
    reason: UNSERVED_REASON,
  },
  {
    id: "D16", scenarios: ["discovery"], steps: ["4"],
    paths: UNSERVED.map(([r, sub]) => `response.body.resources[${r}/${sub}]`),
    reason: UNSERVED_REASON,
  },
  {
    id: "D15", scenarios: ["bad-input"], steps: ["22"], paths: ["response"],
    reason: "GET of one object with resourceVersion=abc: the real server answers 500 InternalError (the storage layer's parse " +
      "error is not mapped to 400); the sim serves the object, as a GET ignores resourceVersion semantics it does not need.",
  },
  ...([
    ["bad-input", ["0", "2", "18"], "Go's JSON decoder and scheme errors (\"invalid character 'n' looking for beginning of object key string\", \"in scheme pkg/runtime/scheme.go:111\")"],
    ["patches", ["5", "10"], "the patch decoder's Go types (\"[]handlers.jsonPatchOp\") and \"invalid JSON patch\" for a malformed merge patch"],
    ["selectors", ["18", "19", "20", "21"], "the label and field selector parsers' wording"],
    ["paging", ["15", "19"], "the continue-token decoder (it quotes the token's bytes) and strconv.ParseUint"],
    ["tables", ["12"], "the 406 list of serializers (the sim offers JSON only: no YAML, no protobuf)"],
  ] as const).map(([scenario, steps, what]): AcceptedDifference => ({
    id: "D15", scenarios: [scenario], steps, paths: ["response.body.message"],
    reason: `Same code, reason and details, another message text: ${what}.`,
  })),
];

const segmentChars = "[^.\\[\\]]";

function compile(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") { re += ".*"; i++; continue; }
    if (c === "*") { re += `${segmentChars}*`; continue; }
    if (c === "[" && pattern[i + 1] === "]") { re += "\\[[^\\]]*\\]"; i++; continue; }
    re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}(?:$|[.\\[(])`);
}

const compiled = new Map<string, RegExp>();

export function matchesPath(pattern: string, path: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) { re = compile(pattern); compiled.set(pattern, re); }
  return re.test(path);
}

export interface Judged<D> {
  /** Differences no entry covers: the scenario fails on these. */
  readonly unaccepted: readonly D[];
  /** Covered differences with the entry that covers them (the first that matches). */
  readonly accepted: ReadonlyArray<{ readonly difference: D; readonly entry: AcceptedDifference }>;
  /** Entries naming this scenario that matched nothing in it: fixed since, to be deleted. */
  readonly stale: readonly AcceptedDifference[];
}

/** Sorts one scenario's differences into accepted and unaccepted, and finds the stale entries. */
export function judge<D extends { readonly step: string; readonly path: string }>(
  scenario: string, differences: readonly D[], entries: readonly AcceptedDifference[] = ACCEPTED,
): Judged<D> {
  const mine = entries.filter((e) => e.scenarios.includes(scenario));
  const used = new Set<AcceptedDifference>();
  const unaccepted: D[] = [];
  const accepted: Array<{ difference: D; entry: AcceptedDifference }> = [];
  for (const d of differences) {
    const entry = mine.find((e) => (e.steps === undefined || e.steps.includes(d.step)) && e.paths.some((p) => matchesPath(p, d.path)));
    if (entry === undefined) unaccepted.push(d);
    else { accepted.push({ difference: d, entry }); used.add(entry); }
  }
  return { unaccepted, accepted, stale: mine.filter((e) => !used.has(e)) };
}
