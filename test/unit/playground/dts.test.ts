import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePlaygroundDts } from "../../../tools/gen-playground-dts.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const LIB_DIR = path.dirname(ts.getDefaultLibFilePath({}));

/** Monaco's compiler options for learner code (site/editor/monaco-setup.ts). */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ["lib.es2022.d.ts"],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  types: [],
  noEmit: true,
};

let dts = "";
/** Parsed lib and kubernetes-types files, shared by every check (they never change). */
const sourceCache = new Map<string, ts.SourceFile>();

/** Type-checks one learner file against the generated d.ts in a virtual file system. */
function check(source: string, extra?: ts.CompilerOptions): { diagnostics: string[]; program: ts.Program } {
  const files = new Map<string, string>([
    ["/main.ts", source],
    ["/node_modules/playground/index.d.ts", dts],
    ["/node_modules/playground/package.json", JSON.stringify({ name: "playground", types: "index.d.ts" })],
  ]);
  const real = (file: string): string | undefined => {
    if (file.startsWith("/node_modules/kubernetes-types/")) return path.join(ROOT, file);
    if (file.startsWith(LIB_DIR)) return file;
    return undefined;
  };
  const read = (file: string): string | undefined => {
    const v = files.get(file);
    if (v !== undefined) return v;
    const r = real(file);
    try {
      return r === undefined ? undefined : readFileSync(r, "utf8");
    } catch {
      return undefined;
    }
  };
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, languageVersion) => {
      const cached = sourceCache.get(fileName);
      if (cached !== undefined) return cached;
      const text = read(fileName);
      if (text === undefined) return undefined;
      const sf = ts.createSourceFile(fileName, text, languageVersion, true);
      if (real(fileName) !== undefined) sourceCache.set(fileName, sf);
      return sf;
    },
    getDefaultLibFileName: (o) => path.join(LIB_DIR, ts.getDefaultLibFileName(o)),
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getDirectories: () => [],
    fileExists: (f) => read(f) !== undefined,
    readFile: (f) => read(f),
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    directoryExists: (d) => d === "/" || d.startsWith("/node_modules") || d.startsWith(LIB_DIR),
  };
  const program = ts.createProgram(["/main.ts"], { ...OPTIONS, ...extra }, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file !== undefined && d.start !== undefined
      ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
  return { diagnostics, program };
}

const LEARNER = `
import { cache, errors, informers, labels, workqueue, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0, { namespace: "default" });
  const podInformer = factory.core().v1().pods();
  const queue = workqueue.newRateLimitingQueue<string>(workqueue.defaultControllerRateLimiter());
  const registration = podInformer.informer().addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => {
      log("Pod added:", pod.metadata.name, isInInitialList);
      queue.add(cache.metaNamespaceKeyFunc(pod));
    },
    updateFunc: (oldPod: Pod, newPod: Pod) => {
      if (oldPod.metadata.resourceVersion !== newPod.metadata.resourceVersion) log("updated", newPod.spec?.nodeName);
    },
    deleteFunc: (obj: unknown) => {
      if (obj instanceof cache.DeletedFinalStateUnknown) log("tombstone", obj.key);
      queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
    },
  });
  factory.start(stop);
  const ok: boolean = await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced(), () => registration.hasSynced());
  if (!ok) return;
  const web: Pod[] = podInformer.lister().pods("default").list("app=web");
  log(web.length, labels.parse("app in (web,db)").matches(web[0]?.metadata.labels));
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const [ns, name] = cache.splitMetaNamespaceKey(key);
      try {
        const pod = await clientset.coreV1().pods(ns).get(name);
        pod.metadata.labels = { ...pod.metadata.labels, seen: "yes" };
        await clientset.coreV1().pods(ns).update(pod);
      } catch (e) {
        if (errors.isNotFound(e)) return;
        if (errors.isConflict(e)) throw e;
      }
    },
  });
  controller.run(stop);
  const indexer = cache.newIndexer<Pod>(cache.metaNamespaceKeyFunc, { [cache.NamespaceIndex]: cache.metaNamespaceIndexFunc });
  indexer.add(web[0]!);
  const fifo = cache.newDeltaFIFO({ name: "mine" });
  fifo.add(web[0]);
  stop.addEventListener("abort", () => queue.shutDown());
  await sleep(100);
}
`;

describe("generated playground.d.ts", () => {
  // Generation imports TypeScript and emits ~40 modules: well past vitest's 10 s hook default on a busy machine.
  beforeAll(async () => {
    dts = (await generatePlaygroundDts()).text;
  }, 180_000);

  it("is one module-free declaration file whose top-level exports are the playground module's", () => {
    expect(dts).not.toMatch(/declare module\s/);
    for (const name of ["cache", "informers", "workqueue", "errors", "labels", "Pod", "Playground", "Clientset"]) {
      expect(dts).toMatch(new RegExp(`^export import ${name} = `, "m"));
    }
    expect(dts).toMatch(/^import \* as __ext_\d+ from "kubernetes-types\/core\/v1";$/m);
    expect(dts).not.toMatch(/from "\.\.?\//); // no relative module imports left
  });

  it("type-checks a sample learner file with Monaco's options", () => {
    const { diagnostics } = check(LEARNER);
    expect(diagnostics).toEqual([]);
  });

  it("has no errors of its own (checked with skipLibCheck off)", () => {
    const { diagnostics } = check(`import type { Playground } from "playground"; export type P = Playground;`,
      { skipLibCheck: false });
    expect(diagnostics).toEqual([]);
  });

  it("shows a learner's `pod` as Pod", () => {
    const src = `import { type Playground } from "playground";
export default async function main({ clientset }: Playground) { const pod = await clientset.coreV1().pods().get("x"); void pod; }`;
    const { diagnostics, program } = check(src);
    expect(diagnostics).toEqual([]);
    const sf = program.getSourceFile("/main.ts")!;
    const checker = program.getTypeChecker();
    let shown = "";
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === "pod") {
        shown = checker.typeToString(checker.getTypeAtLocation(node.name));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    expect(shown).toBe("Pod");
  });

  it("reports a type error in learner code", () => {
    const { diagnostics } = check(`
import { informers, type Playground } from "playground";
export default function main({ clientset, stop }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, "30s");
  factory.core().v1().pods().informer().addEventHandler({ addFunc: (pod) => pod.metadata.nam });
  factory.start(stop);
}`);
    expect(diagnostics.some((d) => d.includes("/main.ts:4:") && d.includes("not assignable to parameter of type 'number'")))
      .toBe(true);
    expect(diagnostics.some((d) => d.includes("/main.ts:5:") && d.includes("nam"))).toBe(true);
    expect(diagnostics.every((d) => d.startsWith("/main.ts:"))).toBe(true);
  });
});
