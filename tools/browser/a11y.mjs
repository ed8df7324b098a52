#!/usr/bin/env node
// Accessibility (axe-core, WCAG 2.0/2.1 A and AA) and offline check of service pages.
//
//   node a11y.mjs BASE_URL path1 path2 ...
//   KORPU_COOKIE="session=..." node a11y.mjs http://127.0.0.1:8080 / /cases
//   node a11y.mjs http://127.0.0.1:8080 /no-such-page@404   (a path may name its expected status)
//
// For each page: prints every axe violation (id, impact, help, and the target of
// each node) and every request to a host other than BASE_URL's.
// Exit status 1 if any page has a violation of impact "serious" or "critical",
// made (or hinted at, with <link rel=preconnect|dns-prefetch|preload|prefetch>)
// a request to another host, or failed to load / returned HTTP >= 400.
// "minor" and "moderate" violations are printed but do not fail the run.
// Exit status 2 on bad arguments.
import { createRequire } from 'node:module';
import {
  cookiesFromEnv, isExternal, keepLocal, launch, pageUrl, parseBase, usageError,
} from './common.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const [baseArg, ...paths] = process.argv.slice(2);
if (!baseArg || paths.length === 0) {
  usageError('usage: node a11y.mjs BASE_URL path1 [path2 ...]\n'
    + '       (env KORPU_COOKIE="name=value" to send a session cookie)');
}
const base = parseBase(baseArg);
const cookies = cookiesFromEnv(base);

let failedPages = 0;
const browser = await launch(base);
try {
  for (const entry of paths) {
    // "/path@404" expects that status (error pages are checked too).
    const [path, expected] = entry.split('@');
    const url = pageUrl(base, path);
    const problems = [];
    // bypassCSP: axe is injected as an inline <script>, which the service's
    // Content-Security-Policy would rightly refuse.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    if (cookies.length) await context.addCookies(cookies);
    const external = new Set();
    // Every request of the page, its frames and workers; those to other hosts are
    // also aborted by keepLocal so no traffic leaves the machine.
    context.on('request', (req) => {
      if (isExternal(base, req.url())) external.add(req.url());
    });
    await keepLocal(context, base, []);
    const page = await context.newPage();
    page.on('websocket', (ws) => {
      if (isExternal(base, ws.url())) external.add(ws.url());
    });

    console.log(`\n== ${url}`);
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      const status = response ? response.status() : 0;
      if (status >= 400 && status !== Number(expected)) problems.push(`HTTP status ${status}`);

      // Resource hints open connections without a request event: report them too.
      const hints = await page.$$eval(
        'link[rel~="preconnect"], link[rel~="dns-prefetch"], link[rel~="preload"], link[rel~="prefetch"], link[rel~="modulepreload"]',
        (links) => links.map((l) => l.href).filter(Boolean),
      );
      for (const h of hints) if (isExternal(base, h)) external.add(`${h} (resource hint)`);

      await page.addScriptTag({ path: AXE_PATH });
      const results = await page.evaluate(
        (tags) => window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        }),
        TAGS,
      );

      for (const v of results.violations) {
        console.log(`  [${v.impact}] ${v.id}: ${v.help}`);
        console.log(`      ${v.helpUrl}`);
        for (const node of v.nodes) console.log(`      - ${node.target.join(' >>> ')}`);
      }
      const serious = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
      if (serious.length) {
        problems.push(`${serious.length} serious/critical violation(s): ${serious.map((v) => v.id).join(', ')}`);
      }
      console.log(`  axe: ${results.violations.length} violation(s), ${serious.length} serious/critical`);
    } catch (err) {
      problems.push(`could not check the page: ${err.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }

    if (external.size) {
      problems.push(`${external.size} request(s) to another host than ${base.hostname}`);
      for (const e of external) console.log(`  external: ${e}`);
    }
    if (problems.length) {
      failedPages++;
      for (const p of problems) console.log(`  FAIL: ${p}`);
    } else {
      console.log('  OK');
    }
  }
} finally {
  await browser.close();
}

console.log(`\n${paths.length - failedPages} passed, ${failedPages} failed`);
process.exit(failedPages ? 1 : 0);
