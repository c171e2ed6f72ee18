// The one wait of the tests: poll until something is true of a real system, with a generous bound that turns a
// hang into a clear failure naming what never happened (a bound on failure, never a timing assertion).
/** What a probe answers while the awaited thing has not happened yet. */
type NotYet = undefined | false;

/**
 * Polls `probe` every 100 ms until it answers a value other than `undefined` or `false`, and returns that value.
 * A probe that throws fails the wait at once: a probe that expects refusals while a service starts catches them.
 */
export async function waitFor<T>(probe: () => Promise<T | NotYet>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
}
