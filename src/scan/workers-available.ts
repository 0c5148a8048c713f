/**
 * Worker threads run the compiled JavaScript in dist/; when this module is itself TypeScript
 * (tests importing the sources), the work stays in the calling thread.
 */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js')
}
