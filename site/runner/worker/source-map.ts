/**
 * The smallest source-map reader the runner needs: which original line (and column) a generated
 * line/column came from (TypeScript's `sourceMap: true` output, one source). Mappings are base64 VLQ
 * (source map v3).
 */
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

interface Segment {
  genCol: number;
  srcLine: number;
  srcCol: number;
}

/** Decodes `mappings` into, for each generated line, its segments (generated column, original line and column; 0-based). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let srcLine = 0;
  let srcCol = 0;
  let srcIdx = 0;
  let nameIdx = 0;
  for (const line of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const seg of line.split(",")) {
      if (seg === "") continue;
      const values: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = DIGIT.get(ch);
        if (d === undefined) break;
        value += (d & 31) << shift;
        if (d & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += values[0] ?? 0;
      if (values.length >= 4) {
        srcIdx += values[1]!;
        srcLine += values[2]!;
        srcCol += values[3]!;
        if (values.length >= 5) nameIdx += values[4]!;
        segs.push({ genCol, srcLine, srcCol });
      }
    }
    lines.push(segs);
  }
  void srcIdx;
  void nameIdx;
  return lines;
}

/**
 * The 1-based original line for a 1-based generated line and 1-based column, or undefined when the
 * generated line has no mapping (then the nearest mapped line above is used).
 */
export function originalLine(decoded: Segment[][], genLine: number, genCol = 1): number | undefined {
  for (let l = genLine - 1; l >= 0; l--) {
    const segs = decoded[l];
    if (segs === undefined || segs.length === 0) continue;
    if (l !== genLine - 1) return segs[segs.length - 1]!.srcLine + 1;
    let best = segs[0]!;
    for (const s of segs) if (s.genCol <= genCol - 1) best = s;
    return best.srcLine + 1;
  }
  return undefined;
}

/**
 * The 1-based original line and column for a 1-based generated line and column: the segment at or
 * before the column (the column moved by the distance from that segment's start), or, when the line
 * has no mapping, the last segment of the nearest mapped line above (its column).
 */
export function originalPosition(decoded: Segment[][], genLine: number, genCol = 1): { line: number; col: number } | undefined {
  for (let l = genLine - 1; l >= 0; l--) {
    const segs = decoded[l];
    if (segs === undefined || segs.length === 0) continue;
    if (l !== genLine - 1) {
      const last = segs[segs.length - 1]!;
      return { line: last.srcLine + 1, col: last.srcCol + 1 };
    }
    let best = segs[0]!;
    for (const s of segs) if (s.genCol <= genCol - 1) best = s;
    return { line: best.srcLine + 1, col: best.srcCol + 1 + Math.max(0, genCol - 1 - best.genCol) };
  }
  return undefined;
}
