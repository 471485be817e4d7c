// The bundled example projects, bundled as text: examples/orders-pipeline.sql (the studio opens on
// it) and examples/csv-pipeline.sql with the CSV files it reads, attached as the project's files.
import exampleScript from '../../../examples/orders-pipeline.sql?raw';
import csvScript from '../../../examples/csv-pipeline.sql?raw';
import ordersCsv from '../../../examples/data/orders.csv?raw';
import customersCsv from '../../../examples/data/customers.csv?raw';
import lakeScript from '../../../examples/lake-sources-legacy.sql?raw';

export const EXAMPLE_FILE = 'orders-pipeline.sql';
export const EXAMPLE_SCRIPT: string = exampleScript;

/** The CSV example: its files keyed by the paths its tables name. */
export const CSV_EXAMPLE = {
  name: 'CSV pipeline',
  fileName: 'csv-pipeline.sql',
  script: csvScript as string,
  files: { 'data/orders.csv': ordersCsv as string, 'data/customers.csv': customersCsv as string },
};

/**
 * The lake sources scenario (examples/lake-sources-legacy.sql): the CDC -> ODS -> DWD -> ADS chain
 * on the legacy Iceberg source, to compare with FLIP-27 ("Compare with…" flips the source).
 */
export const LAKE_EXAMPLE_FILE = 'lake-sources-legacy.sql';
export const LAKE_EXAMPLE_SCRIPT: string = lakeScript;
