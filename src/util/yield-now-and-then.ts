let lastYield = Date.now()

/**
 * Lets the event loop run when 50 ms have passed since it last did, so a long synchronous stretch
 * of reading and hashing still handles an interrupt (and redraws progress) promptly.
 */
export async function yieldNowAndThen(): Promise<void> {
  const now = Date.now()
  if (now - lastYield < 50) return
  lastYield = now
  await new Promise(setImmediate)
}
