#!/usr/bin/env node
// Full-page screenshots of service pages, desktop and phone.
//
//   node shots.mjs BASE_URL OUT_DIR path1 path2 ...
//   KORPU_COOKIE="session=..." node shots.mjs http://127.0.0.1:8080 /tmp/shots / /cases
//
// Writes OUT_DIR/<slug>-desktop.png (1280x900) and OUT_DIR/<slug>-phone.png
// (390x844, deviceScaleFactor 2, isMobile). Exit status: 0 if every page loaded
// with HTTP status < 400, 1 otherwise (the screenshots are still written), 2 on
// bad arguments.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  cookiesFromEnv, keepLocal, launch, pageUrl, parseBase, uniqueSlugs, usageError,
} from './common.mjs';

const VIEWPORTS = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 900 } } },
  {
    name: 'phone',
    options: {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    },
  },
];

const [baseArg, outDir, ...paths] = process.argv.slice(2);
if (!baseArg || !outDir || paths.length === 0) {
  usageError('usage: node shots.mjs BASE_URL OUT_DIR path1 [path2 ...]\n'
    + '       (env KORPU_COOKIE="name=value" to send a session cookie)');
}
const base = parseBase(baseArg);
const cookies = cookiesFromEnv(base);
const slugs = uniqueSlugs(paths);
await mkdir(outDir, { recursive: true });

let failed = 0;
const browser = await launch(base);
try {
  for (const vp of VIEWPORTS) {
    const context = await browser.newContext(vp.options);
    if (cookies.length) await context.addCookies(cookies);
    const blocked = [];
    await keepLocal(context, base, blocked);
    for (const [i, entry] of paths.entries()) {
      // "/path@404" expects that status.
      const [path, expected] = entry.split('@');
      const url = pageUrl(base, path);
      const file = join(outDir, `${slugs[i]}-${vp.name}.png`);
      const page = await context.newPage();
      blocked.length = 0;
      try {
        const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        // Let late requests (images, fonts, map tiles) finish, but don't wait forever.
        await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
        const status = response ? response.status() : 0;
        await page.screenshot({ path: file, fullPage: true });
        const bad = status >= 400 && status !== Number(expected);
        const note = bad ? `  <- HTTP ${status}` : '';
        console.log(`${file}  ${status} ${url}${note}`);
        if (bad) failed++;
        for (const b of blocked) console.log(`  blocked request to another host: ${b}`);
      } catch (err) {
        failed++;
        console.error(`FAILED ${url} (${vp.name}): ${err.message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}

if (failed) {
  console.error(`${failed} page load(s) failed or returned HTTP >= 400`);
  process.exit(1);
}
