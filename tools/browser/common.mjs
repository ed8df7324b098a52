// Shared helpers for shots.mjs and a11y.mjs: launching Debian's Chromium through
// playwright-core, building page URLs, the KORPU_COOKIE cookie, and keeping every
// request on BASE_URL's host.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Parses BASE_URL; exits with status 2 if it is not an http(s) URL. */
export function parseBase(raw) {
  let base;
  try {
    base = new URL(raw);
  } catch {
    usageError(`not a URL: ${raw}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    usageError(`BASE_URL must be http:// or https://, got ${raw}`);
  }
  return base;
}

export function usageError(message) {
  console.error(message);
  process.exit(2);
}

/** BASE_URL + path, without a doubled or missing slash between them. */
export function pageUrl(base, path) {
  const left = base.href.replace(/\/+$/, '');
  const right = path.startsWith('/') ? path : `/${path}`;
  return left + right;
}

/** Turns "/cases/42?tab=notes" into "cases-42-tab-notes"; "/" into "home". */
export function slug(path) {
  const s = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'home';
}

/** Makes slugs unique within one run: "cases", "cases-2", ... */
export function uniqueSlugs(paths) {
  const seen = new Map();
  return paths.map((p) => {
    const s = slug(p);
    const n = (seen.get(s) || 0) + 1;
    seen.set(s, n);
    return n === 1 ? s : `${s}-${n}`;
  });
}

/**
 * Cookies from KORPU_COOKIE="name=value" (several may be given as "a=1; b=2"),
 * scoped to BASE_URL's host (host-only cookie, path "/").
 */
export function cookiesFromEnv(base) {
  const raw = process.env.KORPU_COOKIE;
  if (!raw) return [];
  return raw
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0) usageError(`KORPU_COOKIE must look like name=value, got "${part}"`);
      return {
        name: part.slice(0, eq).trim(),
        value: part.slice(eq + 1).trim(),
        url: `${base.origin}/`,
      };
    });
}

/** True for an http(s)/ws(s) URL whose host name is not BASE_URL's. */
export function isExternal(base, url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false; // data:, blob:, about:
  return u.hostname !== base.hostname;
}

/**
 * Starts headless Chromium. Besides CHROMIUM_ARGS, every host name other than
 * BASE_URL's resolves to "not found", so a page that points at a CDN cannot
 * reach it (not even through <link rel=preconnect>): no traffic leaves this machine.
 */
export async function launch(base) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${base.hostname}`],
  });
}

/**
 * Aborts every request to another host (recording it in `blocked`), on top of
 * the host-resolver rule, so that literal IP addresses are stopped too.
 */
export async function keepLocal(context, base, blocked) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isExternal(base, url)) {
      blocked.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
}
