/** Types of tools/gen-playground-dts.mjs for tests. */
export function generatePlaygroundDts(options?: { mode?: "auto" | "program" }): Promise<{
  text: string; ms: number; modules: number; mode: "isolated" | "program";
}>;
