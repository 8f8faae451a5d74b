/** Waiting for what the app does in the background, in tests that run it whole. */

/** Lets the event loop run until `condition` holds (no timer: the test's own timeout is the limit). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
