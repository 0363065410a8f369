// Self cost per function from a callgrind profile of a node process (bench/instructions.mjs --by-function).
// callgrind names V8's own code (the runtime, builtins embedded in the binary) by symbol, but JIT code has
// no symbols: it appears as functions named by a hex address. Run node with --perf-basic-prof and its
// /tmp/perf-<pid>.map gives each piece of JIT code a range and a name ("JS:*onWatchEvent file:…:9814:14");
// every instruction cost of an unnamed function is charged to the range holding its address.
// The profile must be written uncompressed (--dump-instr=yes --compress-pos=no --compress-strings=no).
import { readFileSync } from "node:fs";

/**
 * Parses a callgrind out file into self costs (the first event, Ir): per named function, and per
 * instruction address for functions callgrind could not name. Inclusive costs of calls are skipped.
 */
export function selfCosts(text) {
  const byName = new Map();
  const byAddress = new Map();
  let fn = "";
  let unnamed = false;
  let skipNext = false;
  let positions = 1;   // "positions: instr line" puts the address and a line number before the costs
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    if (line.startsWith("positions:")) positions = line.slice(10).trim().split(/\s+/).length;
    const c = line.charCodeAt(0);
    const isCost = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42;   // digit, +, -, *
    if (!isCost) {
      if (line.startsWith("fn=")) {
        fn = line.slice(3);
        unnamed = /^0x[0-9a-f]+$/i.test(fn);
      } else if (line.startsWith("calls=")) {
        skipNext = true;   // the next cost line is the call's inclusive cost
      }
      continue;
    }
    if (skipNext) { skipNext = false; continue; }
    const fields = line.split(" ");
    const position = fields[0];
    const cost = Number(fields[positions] ?? 0);
    if (cost === 0) continue;
    if (unnamed) {
      const address = Number.parseInt(position, 16);
      byAddress.set(address, (byAddress.get(address) ?? 0) + cost);
    } else {
      byName.set(fn, (byName.get(fn) ?? 0) + cost);
    }
  }
  return { byName, byAddress };
}

/** A perf map (start size name per line, hex) as sorted ranges; later entries win where code moved. */
export function readPerfMap(path) {
  const ranges = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/i.exec(line);
    if (m) ranges.push({ start: Number.parseInt(m[1], 16), end: Number.parseInt(m[1], 16) + Number.parseInt(m[2], 16), name: m[3], order: ranges.length });
  }
  ranges.sort((a, b) => a.start - b.start || b.order - a.order);
  return ranges;
}

/** The name of the range holding `address` (the newest, where several do), or undefined. */
function nameAt(ranges, address) {
  let lo = 0, hi = ranges.length - 1, found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  let best;
  for (let i = found ?? -1; i >= 0 && i > (found ?? 0) - 64; i--) {
    const r = ranges[i];
    if (r.start <= address && address < r.end && (best === undefined || r.order > best.order)) best = r;
  }
  return best?.name;
}

/**
 * Self cost per function name: callgrind's names, and JIT code named through the perf map. A JS
 * function's tiers (interpreted ^, baseline, optimized *) are summed under one name without the marker.
 */
export function attribute(profile, ranges) {
  const out = new Map(profile.byName);
  for (const [address, cost] of profile.byAddress) {
    const raw = nameAt(ranges, address) ?? "(JIT code not in the perf map)";
    const name = raw.replace(/^JS:[*~^+]?/, "JS ").replace(/ file:\/\/\S*\//, " ");
    out.set(name, (out.get(name) ?? 0) + cost);
  }
  return out;
}
