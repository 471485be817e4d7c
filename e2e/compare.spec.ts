// Compare two runs, as a person would: open the bundled lake scenario (legacy Iceberg source),
// one click compares it with the FLIP-27 source, Play runs both on one virtual clock, the charts
// overlay A and B and the summary says FLIP-27 is fresher. The main thread stays light with two
// runs going; the guide note and the Sources view are looked at on the way.
import { test, expect, traceMainThread, type StudioPage } from './fixtures';

async function elapsedSeconds(studio: StudioPage): Promise<number> {
  const t = (await studio.page.locator('.clock-elapsed').innerText()).replace('T+', '');
  const m = /(?:(\d+)d )?(\d+):(\d+):(\d+)/.exec(t)!;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

async function openLakeExample(studio: StudioPage) {
  await studio.open();
  await studio.page.getByTestId('project.menu').click();
  await studio.page.getByTestId('project.newLakeExample').click();
  await expect(studio.page.getByTestId('project.name')).toHaveText(/Lake sources/);
  await expect.poll(() => studio.nodes('job').count()).toBe(3);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
]) {
  test(`legacy vs FLIP-27 in one click: overlaid charts and a summary that says FLIP-27 is fresher (${size.width}x${size.height})`, async ({ studio, page, guard }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await openLakeExample(studio);
    const tag = `${size.width}x${size.height}`;
    // The guide note says what to look at in this scenario.
    await expect(page.getByTestId('guide')).toContainText('legacy');
    await studio.shot(`compare-guide-${tag}`);

    // One click after opening the menu: the same script with use-flip27-source flipped.
    await page.getByTestId('compare.open').click();
    await expect(page.getByTestId('compare.preset.flip27')).toContainText('FLIP-27');
    await expect(page.getByTestId('compare.preset.flip27-additions')).toBeVisible();
    await studio.shot(`compare-menu-${tag}`);
    await page.getByTestId('compare.preset.flip27').click();
    await expect(page.getByTestId('compare.active')).toContainText('Comparing');
    await expect(page.getByTestId('compare.runB')).toContainText('use-flip27-source = true');
    await expect(page.getByTestId('compare.diff')).toContainText("+ B 22: SET 'table.exec.iceberg.use-flip27-source' = 'true';");

    // Run both at 600x for 10 virtual minutes (the scenario's findings show within that).
    await page.getByTestId('sim.speed.600').click();
    await studio.sim('runFor').fill('10min');
    const tasks = await traceMainThread(page, async () => {
      await studio.sim('play').click();
      await expect(studio.sim('status')).toHaveText(/paused|finished/, { timeout: 150_000 });
    });
    expect(await elapsedSeconds(studio)).toBe(600);
    // B ran to the same virtual time.
    await expect(page.getByTestId('compare.runB')).toContainText('10:00');

    // The summary: B (FLIP-27) is fresher, with no failed checkpoint and no restart.
    await expect(page.getByTestId('compare.better')).toContainText('ads_status freshness');
    await expect(page.locator('[data-testid="compare.row"][data-id="freshness:ads_status"]')).toHaveAttribute('data-better', 'B');
    await expect(page.locator('[data-testid="compare.row"][data-id="checkpoints.failed"]')).toHaveAttribute('data-better', 'B');
    // Overlaid charts: A's and B's lines on one chart.
    const freshness = page.getByTestId('compare.chart.freshness');
    await expect(freshness).toHaveAttribute('data-series', /A ads_status.*B ads_status/);
    await page.getByTestId('compare.chart.freshness').scrollIntoViewIfNeeded();
    await studio.shot(`compare-summary-${tag}`);
    await page.getByTestId('compare.sources').scrollIntoViewIfNeeded();
    await studio.shot(`compare-sources-${tag}`);

    // The Metrics tab overlays every chart.
    await studio.openTab('metrics');
    await expect(page.getByTestId('metrics.chart.freshness')).toHaveAttribute('data-series', /A ads_status.*B ads_status/);
    await studio.shot(`compare-metrics-${tag}`);

    // Jobs > job-3 > Sources: the legacy reader's scans against FLIP-27's, both runs in the table.
    await studio.openTab('jobs');
    await page.locator('[data-testid="jobs.item"][data-job="job-3"]').click();
    await page.getByTestId('jobs.view.sources').click();
    await expect(page.locator('[data-testid="jobs.sources.row"][data-run="A"]')).toHaveAttribute('data-architecture', 'legacy');
    await expect(page.locator('[data-testid="jobs.sources.row"][data-run="B"]')).toHaveAttribute('data-architecture', 'flip27');
    await expect(page.getByTestId('jobs.sources.chart.scan-interval')).toHaveAttribute('data-series', /A dwd_orders\|B dwd_orders/);
    await studio.shot(`compare-jobs-sources-${tag}`);

    // Two runs must not make the studio janky: every main-thread task under 50 ms of CPU.
    const top = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5);
    console.log(`compare: ${tasks.length} main-thread tasks; costliest (cpu/wall ms): ${top.map((t) => `${t.cpuMs.toFixed(0)}/${t.wallMs.toFixed(0)}`).join(', ')}`);
    expect(tasks.filter((t) => t.cpuMs > 50), JSON.stringify(top)).toEqual([]);

    // Stop comparing: charts show A alone again.
    await page.getByTestId('compare.stop').click();
    await studio.openTab('metrics');
    await expect(page.getByTestId('metrics.chart.freshness')).not.toHaveAttribute('data-series', /B ads_status/);
    expect(guard.consoleErrors).toEqual([]);
  });
}

test('the guide note is dismissed once and stays dismissed after a reload', async ({ studio, page }) => {
  await studio.open();
  await expect(page.getByTestId('guide')).toBeVisible();
  await page.getByTestId('guide.go.1').click();
  await expect(studio.tab('metrics')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('guide.dismiss').click();
  await expect(page.getByTestId('guide')).toHaveCount(0);
  await page.reload();
  await expect(studio.toolbar).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('guide')).toHaveCount(0);
});

test('the speed control says what speed the run achieves when it falls short', async ({ studio, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLakeExample(studio);
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  // At max speed the studio says what max achieves.
  await expect(page.getByTestId('sim.achieved')).toHaveText(/max: \d+(\.\d+)?x achieved/, { timeout: 15_000 });
  await studio.shot('compare-achieved-speed-1280x800');
  await studio.sim('pause').click();
  await expect(page.getByTestId('sim.achieved')).toHaveCount(0);
});
