// Types for scripts/check-line-width.mjs (plain JavaScript, so it runs with no build step),
// for the unit test that imports it.

/** A line over the limit: its 1-based number and its length in code points. */
export interface OverLongLine {
  line: number;
  length: number;
}

export const checkedExtensions: readonly string[];
export function lineLength(line: string): number;
export function overLongLines(text: string, limit: number): OverLongLine[];
export function lineWidthFrom(biomeConfigText: string): number;
export function formatFinding(path: string, finding: OverLongLine, limit: number): string;
