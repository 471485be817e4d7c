// Page objects for the studio, handed to specs through test.extend. Every test also gets a guard
// that records console errors and any request that leaves localhost.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const SHOTS = path.join(import.meta.dirname, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

export class Guard {
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];
  constructor(page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      const host = new URL(url).hostname;
      if (host !== 'localhost' && host !== '127.0.0.1') this.foreignRequests.push(url);
    });
  }
}

/** One task of the page's main thread: when it started (ms, trace clock), its wall time and the CPU time the thread spent in it. */
export interface MainThreadTask {
  startMs: number;
  wallMs: number;
  cpuMs: number;
}

/**
 * Records the main-thread tasks of `page` while `during` runs, from a Chromium trace. A task's CPU
 * time (the trace's thread duration) is what the studio's own work costs; its wall time also counts
 * the time the thread waited for a core, which on a shared 2-core machine is the machine's load,
 * not the studio's. Flows that bound main-thread work assert on CPU time (docs/decisions.md).
 */
export async function traceMainThread(page: Page, during: () => Promise<void>): Promise<MainThreadTask[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('tracing needs a browser-launched page');
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let raw: Buffer;
  try {
    await during();
  } finally {
    // A trace left running would make the next startTracing in this browser fail.
    raw = await browser.stopTracing();
  }
  const trace = JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] };
  const events = trace.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace has no renderer main thread');
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === main.pid && e.tid === main.tid)
    .map((e) => ({ startMs: (e.ts ?? 0) / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  // An empty or CPU-less trace would make every bound on it pass: refuse it.
  if (tasks.length === 0 || !tasks.some((t) => t.cpuMs > 0)) throw new Error('the trace recorded no main-thread tasks with CPU time');
  return tasks;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export class EditorPO {
  constructor(
    private readonly page: Page,
    readonly root: Locator,
  ) {}
  /** Rendered text of the visible lines. */
  async text(): Promise<string> {
    return (await this.root.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
  async focus(): Promise<void> {
    await this.root.click({ position: { x: 120, y: 10 } });
  }
  /** Replace everything with `text`, as a person pasting it would (typed text gets auto-indented). */
  async setText(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('ControlOrMeta+V');
    // The paste lands asynchronously: wait until the end of the text is on screen.
    const tail = text.trimEnd().split('\n').at(-1)!.trim().slice(-24);
    if (tail) await expect.poll(() => this.text().then((t) => t.includes(tail))).toBe(true);
  }
  /** Type at the cursor, key by key. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
}

export class StudioPage {
  readonly toolbar: Locator;
  readonly canvas: Locator;
  readonly script: EditorPO;
  readonly queryInput: EditorPO;
  constructor(readonly page: Page) {
    this.toolbar = page.getByTestId('toolbar');
    this.canvas = page.getByTestId('canvas');
    this.script = new EditorPO(page, page.getByTestId('editor.script'));
    this.queryInput = new EditorPO(page, page.getByTestId('query.input'));
  }
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.toolbar).toBeVisible();
    await expect(this.script.root.locator('.view-lines')).toBeVisible();
  }
  tab(name: 'editor' | 'metrics' | 'jobs' | 'data' | 'snapshots' | 'query' | 'problems'): Locator {
    return this.page.getByTestId(`panel.tab.${name}`);
  }
  async openTab(name: 'editor' | 'metrics' | 'jobs' | 'data' | 'snapshots' | 'query' | 'problems'): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }
  sim(control: 'play' | 'pause' | 'step' | 'reset' | 'seed' | 'runFor' | 'clock' | 'status'): Locator {
    return this.page.getByTestId(`sim.${control}`);
  }
  nodes(kind?: 'table' | 'job'): Locator {
    const all = this.page.getByTestId('canvas.node');
    return kind ? all.and(this.page.locator(`[data-kind="${kind}"]`)) : all;
  }
  node(name: string): Locator {
    return this.page.locator(`[data-testid="canvas.node"][data-name="${name}"]`);
  }
  /**
   * Where a locator is once the canvas stops moving (fit view and layout animate), so a drag
   * aimed at it lands where a person would see it.
   */
  async settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    let last = await locator.boundingBox();
    for (let i = 0; i < 30; i++) {
      await this.page.waitForTimeout(100);
      const now = await locator.boundingBox();
      if (now && last && now.x === last.x && now.y === last.y && now.width === last.width) return now;
      last = now;
    }
    if (!last) throw new Error('the element to drag is not on screen');
    return last;
  }
  /** Drags from the centre of one element to the centre of another, as a person would. */
  async drag(from: Locator, to: Locator): Promise<void> {
    const a = await this.settledBox(from);
    const b = await this.settledBox(to);
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }
  /**
   * Pauses a run that is still going. A run may stop by itself (sim.duration, a run-for, bounded
   * inputs) between the check and the click: that is not a failure.
   */
  async pauseIfRunning(): Promise<void> {
    const pause = this.sim('pause');
    if (!(await pause.isVisible())) return;
    await pause.click({ timeout: 5_000 }).catch(async (e: unknown) => {
      if (await pause.isVisible()) throw e;
    });
  }
  async runQuery(sql: string): Promise<void> {
    await this.openTab('query');
    await this.queryInput.setText(sql);
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }
  /**
   * A screenshot at each size the studio is checked at (1280x800 and 1600x1000), named
   * `${name}-WxH`; `settle` runs after each resize, once panels, charts and diff editors have
   * re-measured. The viewport is restored after.
   */
  async shotsAtBothSizes(name: string, settle?: () => Promise<unknown>): Promise<void> {
    const before = this.page.viewportSize();
    for (const [w, h] of [
      [1280, 800],
      [1600, 1000],
    ] as const) {
      await this.page.setViewportSize({ width: w, height: h });
      await this.page.waitForTimeout(350);
      if (settle) await settle();
      await this.shot(`${name}-${w}x${h}`);
    }
    if (before) await this.page.setViewportSize(before);
  }
  /** Fit view, as the canvas's Fit button does, and wait for its animation. */
  async fitCanvas(): Promise<void> {
    await this.page.getByTestId('canvas.fit').click();
    await this.page.waitForTimeout(400);
  }
  /** Opens the project menu (if it is not open). */
  async openProjectMenu(): Promise<void> {
    const dropdown = this.page.getByTestId('project.dropdown');
    if (!(await dropdown.isVisible())) await this.page.getByTestId('project.menu').click();
    await expect(dropdown).toBeVisible();
  }
  /** The names of the projects in this browser, sorted; the menu is closed after. */
  async projectNames(): Promise<string[]> {
    await this.openProjectMenu();
    const names = await this.page.getByTestId('project.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('project.dropdown')).toBeHidden();
    return names.sort();
  }
  async shot(name: string): Promise<string> {
    const file = path.join(SHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

export const test = base.extend<{ studio: StudioPage; guard: Guard }>({
  guard: async ({ page }, use) => {
    await use(new Guard(page));
  },
  studio: async ({ page, guard }, use) => {
    void guard;
    await use(new StudioPage(page));
  },
});

export { expect };
