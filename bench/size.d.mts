/** Types of ./size.mjs, for the tests that call it. */
export interface SizeBudget {
  what: string;
  limit: number;
  measured: number;
  met: boolean;
}
export interface SizeRow {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
  budget?: SizeBudget;
}
export interface SizeResult {
  measuredAt?: string;
  lit?: number;
  core?: { gzip: number; modules: string[] };
  rows: SizeRow[];
  heavy?: Record<'comments' | 'visitor', Weighed>;
}
/** A bundle's bytes by module (Lit's packages as one): minified, and a pro-rata share of the gzip size. */
export interface Weighed {
  gzip: number;
  minified: number;
  modules: { name: string; minified: number; gzip: number }[];
}
export const BUDGETS: { visitorBundle: number; commentsEntry: number; visitorIncrement: number; moderatorIncrement: number };
export function measureSizes(): Promise<Required<SizeResult>>;
export function formatSizeTable(result: SizeResult): string;
export function formatHeavyTable(weighed: Weighed, top?: number): string;
/** What failed: nothing when every budget is met or held at its ceiling. */
export function check(result: SizeResult, ceilings: Record<string, number>): string[];
export const VISITOR_ELEMENTS: string[];
export const MODERATOR_ELEMENTS: string[];
