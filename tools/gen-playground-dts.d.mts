/** Types of tools/gen-playground-dts.mjs for tests. */
export function inputsHash(): string;
export function generatePlaygroundDts(options?: { mode?: "auto" | "program" }): Promise<{
  text: string; ms: number; modules: number; mode: "isolated" | "program";
}>;
