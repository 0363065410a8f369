// Generates .generated/playground.d.ts from src/playground.ts (the runner issue fills this in).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
mkdirSync(".generated", { recursive: true });
if (!existsSync("src/playground.ts")) {
  writeFileSync(".generated/playground.d.ts", "export {};\n");
  console.log("gen:dts: src/playground.ts not there yet; wrote an empty declaration");
}
