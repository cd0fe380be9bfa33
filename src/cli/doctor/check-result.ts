/** `ok` works, `warn` works with a caveat, `fail` will not work until fixed. */
export type Verdict = 'ok' | 'warn' | 'fail';

/** One line of the doctor's table. */
export interface CheckResult {
  name: string;
  verdict: Verdict;
  /** Finding, never a secret value. */
  detail: string;
  /** Remedy for a warning or a failure. */
  fix?: string;
}
