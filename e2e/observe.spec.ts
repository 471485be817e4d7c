// What Flink's web UI would show, in the studio: backpressure colours on the canvas when a
// downstream operator is slowed, the Checkpoints view listing a failed checkpoint with its
// reason, and a TaskManager failure injected on purpose: the restart, the marks on the charts,
// and per sink what the replay did (exactly-once unchanged, at-least-once duplicated).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type StudioPage } from './fixtures';

const EXAMPLE = readFileSync(path.join(import.meta.dirname, '../examples/orders-pipeline.sql'), 'utf8');

async function elapsedSeconds(studio: StudioPage): Promise<number> {
  const t = (await studio.page.locator('.clock-elapsed').innerText()).replace('T+', '');
  const m = /(?:(\d+)d )?(\d+):(\d+):(\d+)/.exec(t)!;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

async function load(studio: StudioPage, script: string) {
  await studio.open();
  await studio.openTab('editor');
  await studio.script.setText(script);
  await expect.poll(() => studio.nodes('job').count()).toBeGreaterThan(0);
}

async function runFor(studio: StudioPage, seconds: number, speed: '60' | '600' = '60') {
  await studio.page.getByTestId(`sim.speed.${speed}`).click();
  await studio.sim('play').click();
  await expect.poll(() => elapsedSeconds(studio), { timeout: 60_000 }).toBeGreaterThanOrEqual(seconds);
  await studio.pauseIfRunning();
  await expect(studio.sim('status')).toHaveText(/paused|finished/);
}

/** Screenshots at both sizes the issue asks for, then back to the default viewport. */
async function shots(studio: StudioPage, name: string) {
  for (const [w, h] of [
    [1280, 800],
    [1600, 1000],
  ] as const) {
    await studio.page.setViewportSize({ width: w, height: h });
    await studio.page.waitForTimeout(400);
    await studio.shot(`${name}-${w}x${h}`);
  }
}

test('backpressure colours appear on the canvas when a downstream operator is slowed', async ({ studio, page, guard }) => {
  await load(studio, EXAMPLE);
  // Before the slowdown: nothing is back-pressured.
  await runFor(studio, 20);
  await expect(studio.node('job-1')).toHaveAttribute('data-backpressure', 'ok');
  await studio.sim('reset').click();

  // Slow the GroupAggregate downstream of the source: 8 records per second per subtask.
  await studio.openTab('editor');
  await studio.script.setText(`SET 'sim.cost.aggregate.rps' = '8';\n` + EXAMPLE);
  await runFor(studio, 40);
  const job = studio.node('job-1');
  await expect(job).toHaveAttribute('data-backpressure', 'high');
  await expect(job.getByTestId('canvas.job.backpressure')).toHaveText('BP HIGH');
  // The aggregate is the hot operator (busy, red); the operators before it wait on it (grey).
  const ops = job.getByTestId('canvas.job.op');
  await expect(ops.filter({ hasText: 'GroupAggregate' })).toHaveClass(/\bhot\b/);
  await expect(ops.filter({ hasText: 'Source' })).toHaveAttribute('data-level', 'high');
  await expect(ops.filter({ hasText: 'Sink' })).toHaveAttribute('data-level', 'ok');

  // The inspector's operator graph says the same in numbers.
  await job.click();
  const cards = page.getByTestId('inspector.operator');
  await expect(cards.first()).toHaveAttribute('data-level', 'high');
  await expect(cards.first().getByTestId('inspector.operator.load')).toContainText(/backpressured \d+% HIGH/);

  // The Jobs tab lists each operator's status, with the busiest one named.
  await page.getByTestId('inspector.jobOverview').click();
  await expect(studio.tab('jobs')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('jobs.hottest')).toContainText('GroupAggregate');
  await expect(page.getByTestId('jobs.operator').first()).toHaveAttribute('data-level', 'high');
  await shots(studio, 'observe-backpressure');
  expect(guard.consoleErrors).toEqual([]);
});

test('the Checkpoints view lists a failed checkpoint with its reason', async ({ studio, page, guard }) => {
  const slowCheckpoints = `SET 'sim.cost.checkpoint.bytes-per-second' = '20000';
SET 'execution.checkpointing.timeout' = '5 s';
SET 'execution.checkpointing.tolerable-failed-checkpoints' = '100';
`;
  await load(studio, slowCheckpoints + EXAMPLE);
  await runFor(studio, 70);
  await studio.node('job-1').click();
  await page.getByTestId('inspector.checkpoints').click();
  const view = page.getByTestId('jobs.checkpoints');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('jobs.detail')).toHaveAttribute('data-job', 'job-1');
  const failed = view.locator('[data-testid="jobs.checkpoint"][data-status="failed"]');
  await expect(failed.first()).toContainText('Checkpoint expired before completing.');
  await expect(view.locator('[data-testid="jobs.checkpoint"][data-status="completed"]').first()).toBeVisible();
  await expect(page.getByTestId('jobs.checkpoints.summary')).toContainText(/\d+ failed/);
  await expect.poll(() => page.getByTestId('jobs.chart.checkpoint-duration').getAttribute('data-points').then(Number)).toBeGreaterThan(3);
  // Keyboard: the job list moves with the arrow keys.
  await page.locator('[data-testid="jobs.item"][data-job="job-1"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('jobs.detail')).toHaveAttribute('data-job', 'job-2');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('jobs.detail')).toHaveAttribute('data-job', 'job-1');
  await shots(studio, 'observe-checkpoints');
  expect(guard.consoleErrors).toEqual([]);
});

const FAULT_SQL = `SET 'execution.checkpointing.interval' = '5 s';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.delay' = '3 s';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'sim.duration' = '3 min';
CREATE TABLE src_clicks (
  id BIGINT,
  page STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '100000',
  'fields.page.values' = 'home,cart,pay'
);
CREATE TABLE ods_clicks_eo (
  id BIGINT,
  page STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks_eo',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once'
);
CREATE TABLE ods_clicks_alo (
  id BIGINT,
  page STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks_alo',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
INSERT INTO ods_clicks_eo SELECT id, page FROM src_clicks;
INSERT INTO ods_clicks_alo SELECT id, page FROM src_clicks;
`;

test('a TaskManager failure on purpose: the job restarts, charts mark it, exactly-once sinks stay unchanged', async ({ studio, page, guard }) => {
  await load(studio, FAULT_SQL);
  await studio.openTab('jobs');
  await expect(page.getByTestId('jobs.empty')).toBeVisible();
  // Fail every job's TaskManager at 0:42 of virtual time, before playing.
  await page.getByTestId('jobs.fault.at').fill('42s');
  await page.getByTestId('jobs.fault.every').check();
  await expect(page.getByTestId('jobs.fault.note')).toContainText('fixed-delay');
  await page.getByTestId('jobs.fault.inject').click();
  await expect(page.getByTestId('status.toast')).toContainText(/TaskManager of every job fails at 0:42/);
  await runFor(studio, 70);

  // job-1 writes the exactly-once topic: restarted, nothing duplicated.
  await page.locator('[data-testid="jobs.item"][data-job="job-1"]').click();
  await expect(page.getByTestId('jobs.restarts')).toHaveText('1');
  await expect(page.getByTestId('jobs.failover')).toHaveCount(1);
  await expect(page.getByTestId('jobs.failover').first()).toContainText('0:42');
  await expect(page.getByTestId('jobs.failover').first()).toContainText('checkpoint 8');
  await expect(page.getByTestId('jobs.failover').first()).toContainText('TaskManager with id taskmanager-job-1 is no longer reachable');
  await expect(page.getByTestId('jobs.delivery')).toHaveAttribute('data-guarantee', 'exactly-once');
  await expect(page.getByTestId('jobs.delivery')).toHaveAttribute('data-duplicated', '0');
  await expect(page.getByTestId('jobs.delivery')).toContainText('no duplicates, no rows lost');
  await expect(page.getByTestId('jobs.chart.restarts')).toHaveAttribute('data-marks', '2');
  await shots(studio, 'observe-fault');

  // job-2 writes the at-least-once topic: what it wrote after checkpoint 8 is there twice.
  await page.locator('[data-testid="jobs.item"][data-job="job-2"]').click();
  await expect(page.getByTestId('jobs.delivery')).toHaveAttribute('data-guarantee', 'at-least-once');
  await expect.poll(() => page.getByTestId('jobs.delivery').getAttribute('data-duplicated').then(Number)).toBeGreaterThan(0);
  await expect(page.getByTestId('jobs.delivery')).toContainText(/\d+ rows duplicated/);

  // Every time chart on the Metrics tab marks the failures and restores.
  await studio.openTab('metrics');
  await expect(page.getByTestId('metrics.failovers')).toBeVisible();
  await expect.poll(() => page.getByTestId('metrics.chart.lag-records').getAttribute('data-marks').then(Number)).toBe(4);
  await shots(studio, 'observe-metrics-marks');

  // A fault now (blank time) while paused, for one job: it fails at the next step.
  await studio.openTab('jobs');
  await page.getByTestId('jobs.fault.every').uncheck();
  await page.getByTestId('jobs.fault.inject').click();
  await studio.sim('step').click();
  await expect(page.getByTestId('jobs.status')).toHaveText('restarting');
  expect(guard.consoleErrors).toEqual([]);
});
