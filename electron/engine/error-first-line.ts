/** The first line of an error's message (tfjs and Emscripten errors can run to many lines). */
export function errorFirstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
