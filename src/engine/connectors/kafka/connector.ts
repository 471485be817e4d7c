// The `kafka` and `upsert-kafka` connectors: spec.ts, store.ts (topics, reader, writer), and their
// checks here, in the order building the store makes them.
import type { TableDef } from '../../plan/graph';
import type { Connector, ValidationScope } from '../connector';
import { lowerOptions } from '../store';
import { KAFKA_SPEC, UPSERT_KAFKA_SPEC } from './spec';
import { KafkaTable, keyAndSinkOptions, partitionConflict, startupPosition, topicOptions } from './store';

function validateTable(def: TableDef, scope: ValidationScope): void {
  const topic = topicOptions(def);
  const declared = scope.topicPartitions.get(topic.name);
  if (declared === undefined) scope.topicPartitions.set(topic.name, topic.partitions);
  else if (declared !== topic.partitions) throw partitionConflict(topic.name, declared, topic.partitions);
  keyAndSinkOptions(def, topic.upsert);
}

function validateRead(def: TableDef, options: Record<string, string>, scope: ValidationScope): void {
  // The topic's partitions as the first table naming it declared them (validateTable ran first).
  const name = lowerOptions(def.options)['topic'] ?? def.name;
  startupPosition(options, scope.topicPartitions.get(name) ?? topicOptions(def).partitions);
}

export const kafka: Connector = {
  spec: KAFKA_SPEC,
  validateTable,
  validateRead,
  // A topic is endless; the simulator ends a reader once every job writing it has finished.
  readEnds: (_def, _options, hasWriters, writersBounded) => hasWriters && writersBounded,
  createStore: (ctx, topics) => new KafkaTable(ctx, topics),
};

export const upsertKafka: Connector = { ...kafka, spec: UPSERT_KAFKA_SPEC };
