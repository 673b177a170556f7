/**
 * What every browser suite shares: Debian's Chromium (playwright-core) against the production
 * build on its own database, a fresh browser profile per page, screenshots in test/artifacts/
 * (git-ignored), and an axe-core audit (WCAG 2.1 A and AA) of every screen photographed. After
 * each test, no page error (a script error, a CSP refusal) and no accessibility violation.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, TestApp } from '../support/test-app.js';
import { CHROMIUM_ARGS, chromiumAvailable, ensureChromium } from './chromium.js';

export const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
/** Deque's axe-core, evaluated in the page (DevTools protocol, so the app's CSP stays on). */
const AXE_SOURCE = readFileSync(
  join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
);
/** WCAG 2.1 A and AA rules, the level public services are held to (EN 301 549, ADA guidance). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface A11yViolation {
  screen: string;
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** `describe`, or `describe.skip` with a loud warning when Chromium cannot be had. */
export const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

export interface BrowserHarness {
  /** The app under test (set once the suite's beforeAll has run). */
  readonly t: TestApp;
  /** A fresh browser profile: its own cookies and storage, time zone and viewport. */
  openPage(options?: { viewport?: typeof PHONE; timezoneId?: string }): Promise<Page>;
  /** Full page, or only the viewport where a sticky bar would float mid-page in a full shot. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  signIn(page: Page, email: string, password: string): Promise<void>;
}

/**
 * Registers the suite's hooks (call it inside `describeInBrowser`): starts the app with `env`
 * (read when the suite starts, so it may name servers an earlier beforeAll started) and Chromium,
 * runs `arrange` once, and checks every test for page errors and violations.
 */
export function browserSuite(
  env: Record<string, string> | (() => Record<string, string>) = {},
  arrange: (t: TestApp) => Promise<unknown> = async () => undefined,
): BrowserHarness {
  let t: TestApp | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const a11yViolations: A11yViolation[] = [];
  const auditedScreens: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html'))) {
      throw new Error('dist/web/index.html is missing: build the web app first (npm run build)');
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const executablePath = await ensureChromium();
    [t, browser] = await Promise.all([
      createTestApp(typeof env === 'function' ? env() : env),
      chromium.launch({ executablePath, args: CHROMIUM_ARGS }),
    ]);
    await arrange(t);
  }, 300_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pageErrors.splice(0)).toEqual([]);
    expect(a11yViolations.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    console.info(`accessibility: axe-core (WCAG 2.1 AA) on ${auditedScreens.length} screens`);
    await browser?.close();
    await t?.close();
  });

  async function audit(page: Page, screen: string) {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async (tags) => {
      const { axe } = globalThis as unknown as {
        axe: {
          run(options: object): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      };
      const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      }));
    }, WCAG_AA);
    auditedScreens.push(screen);
    a11yViolations.push(...violations.map((violation) => ({ screen, ...violation })));
  }

  const app = () => {
    if (!t) throw new Error('the browser suite has not started');
    return t;
  };
  return {
    get t() {
      return app();
    },
    async openPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? PHONE,
        timezoneId: options.timezoneId ?? 'America/New_York',
        locale: 'en-US',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // The site's policy allows no inline script or style: anything it refuses is a defect.
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
          pageErrors.push(message.text());
        }
      });
      await page.goto(app().server);
      return page;
    },
    async shot(page, name, fullPage = true) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
      await audit(page, name);
    },
    async signIn(page, email, password) {
      // The site opens on the public home; the form lives at #/signin (or stands in for a screen
      // whose session ended).
      if (!(await page.getByLabel('Email').isVisible()))
        await page.goto(`${app().server}/#/signin`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
  };
}
