// The Iceberg table model: metadata, snapshots, manifests, data and delete files, the Flink sink's
// writer and committer, reads (merge-on-read, incremental appends, time travel), metadata tables
// and maintenance. docs/iceberg.md says what is modelled and how.
export * from './content-file';
export * from './table-properties';
export * from './file-size';
export * from './schema';
export * from './partition-spec';
export * from './manifest';
export * from './snapshot';
export * from './table';
export * from './delete-rules';
export * from './scan';
export * from './task-writer';
export * from './files-committer';
export * from './metadata-tables';
export * from './rewrite-data-files';
export * from './expire-snapshots';
export * from './convert-equality-deletes';
export * from './table-maintenance';
export * from './append-only';
export * from './sink';
