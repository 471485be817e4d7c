import { describe, expect, it } from 'vitest';
import { SIM_SETTINGS } from '../sim/settings';
import {
  CONNECTORS,
  FORMATS,
  HINTS,
  SETTINGS,
  findConnector,
  findHint,
  findOption,
  findSetting,
  optionKeyMatches,
  optionsFor,
} from './catalog';

describe('catalog', () => {
  it('lists every connector of the dialect, iceberg among them', () => {
    expect(CONNECTORS.map((c) => c.name)).toEqual(['datagen', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc', 'print', 'blackhole', 'iceberg']);
    expect(findConnector('ICEBERG')!.supported).toBe(true);
    expect(CONNECTORS.filter((c) => !c.supported).map((c) => c.name)).toEqual([]);
    for (const c of CONNECTORS) {
      const keys = c.options.map((o) => o.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const o of c.options) expect(o.doc.length).toBeGreaterThan(10);
    }
  });

  it('has the documented options per connector', () => {
    const keys = (c: string): string[] => findConnector(c)!.options.map((o) => o.key);
    expect(keys('datagen')).toEqual(expect.arrayContaining(['rows-per-second', 'number-of-rows', 'fields.#.kind', 'fields.#.min', 'fields.#.max', 'fields.#.length', 'fields.#.start', 'fields.#.end', 'fields.#.max-past', 'fields.#.values']));
    expect(keys('kafka')).toEqual(expect.arrayContaining(['topic', 'properties.bootstrap.servers', 'properties.group.id', 'scan.startup.mode', 'scan.startup.timestamp-millis', 'format', 'key.format', 'value.format', 'sink.partitioner', 'partitions', 'retention.ms']));
    expect(keys('filesystem')).toEqual(expect.arrayContaining(['path', 'format', 'sink.rolling-policy.file-size']));
    expect(keys('jdbc')).toEqual(expect.arrayContaining(['url', 'table-name', 'username', 'password', 'sink.buffer-flush.max-rows', 'sink.buffer-flush.interval']));
    expect(keys('print')).toEqual(expect.arrayContaining(['print-identifier', 'standard-error']));
    expect(findConnector('kafka')!.options.find((o) => o.key === 'partitions')!.freshet).toBe(true);
  });

  it('formats and their options', () => {
    expect(FORMATS.map((f) => f.name)).toEqual(['csv', 'json', 'changelog-json', 'debezium-json']);
    const fs = optionsFor('filesystem', { format: 'csv' }).map((o) => o.key);
    expect(fs).toContain('csv.ignore-parse-errors');
    expect(fs).not.toContain('json.ignore-parse-errors');
    expect(optionsFor('kafka', { 'key.format': 'json' }).map((o) => o.key)).toContain('key.json.ignore-parse-errors');
  });

  it('matches # patterns and format options', () => {
    expect(optionKeyMatches('fields.#.kind', 'fields.order_id.kind')).toBe(true);
    expect(optionKeyMatches('fields.#.kind', 'fields..kind')).toBe(false);
    expect(findOption('datagen', 'fields.amount.max')!.key).toBe('fields.#.max');
    expect(findOption('filesystem', 'csv.field-delimiter')!.default).toBe(',');
    expect(findOption('jdbc', 'nope')).toBeUndefined();
    expect(findOption(undefined, 'connector')!.values).toContain('kafka');
  });

  it('hints: Flink and Freshet extensions with keys', () => {
    expect(HINTS.map((h) => `${h.name}:${h.origin}`)).toEqual(['STATE_TTL:flink', 'OPTIONS:flink', 'STATE_CLEANUP:freshet', 'REUSE_SOURCE:freshet', 'DROP_ROW_KIND:freshet']);
    expect(findHint('state_cleanup')!.keys.map((k) => k.key)).toEqual(['ttl', 'condition']);
    expect(findHint('DROP_ROW_KIND')!.keys.map((k) => k.key)).toEqual(['kinds']);
  });

  it('settings: Flink keys and every simulator key from the simulator table, one entry each', () => {
    const keys = SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ['execution.checkpointing.interval', 'execution.checkpointing.timeout', 'table.exec.state.ttl', 'parallelism.default', 'execution.runtime-mode', 'pipeline.name', 'sim.duration', 'sim.start', 'sim.tick', 'sim.jitter', 'sim.metrics.interval']) {
      expect(keys).toContain(k);
    }
    for (const s of SIM_SETTINGS) {
      expect(findSetting(s.key)!.default ?? null).toBe(s.default);
    }
    expect(keys.filter((k) => k.startsWith('sim.cost.')).length).toBeGreaterThan(3);
    expect(findSetting('sim.tick')!.type).toBe('duration');
    expect(findSetting('execution.runtime-mode')!.values).toEqual(['STREAMING', 'BATCH', 'AUTOMATIC']);
  });
});
