// JSON from outside (Redis, evapi frames, stream entries): text that does not parse is undefined, so the schema
// check that follows refuses it like any other malformed value.
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
