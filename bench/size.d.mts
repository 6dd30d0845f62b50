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
}
export const BUDGETS: { visitorBundle: number; commentsEntry: number; visitorIncrement: number; moderatorIncrement: number };
export function measureSizes(): Promise<Required<SizeResult>>;
export function formatSizeTable(result: SizeResult): string;
/** What failed: nothing when every budget is met or held at its ceiling. */
export function check(result: SizeResult, ceilings: Record<string, number>): string[];
export const VISITOR_ELEMENTS: string[];
export const MODERATOR_ELEMENTS: string[];
