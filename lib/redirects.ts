/** Where the app goes after sign-in when the callback is missing or not the app's own. */
export const HOME_PATH = "/billing/licenses";

// Any origin of our own would do: only whether a target stays on it matters, never its name.
const OWN_ORIGIN = "https://license-center.invalid";

/**
 * The path of this app a link or redirect target leads to, parsed as a URL against the app's own
 * origin (as the browser will), or null when it leads elsewhere: `/\evil.example`,
 * `/\t/evil.example`, `//evil.example` and `javascript:` all do. Returns the normalized path,
 * never the raw text.
 */
export function appPathOf(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target, OWN_ORIGIN);
  } catch {
    return null;
  }
  return url.origin === OWN_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** Where a target resolves when it is not the app's own, as a full URL (for links that leave the app). */
export function externalUrlOf(target: string): string | null {
  try {
    return new URL(target, OWN_ORIGIN).href;
  } catch {
    return null;
  }
}

/** A callback target after sign-in: the app's own path, else the Licenses page. */
export function sameOriginPath(target: string | string[] | undefined | null, fallback = HOME_PATH): string {
  const value = Array.isArray(target) ? target[0] : target;
  return (value && appPathOf(value)) || fallback;
}
