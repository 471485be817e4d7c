// The bundled example project: examples/orders-pipeline.sql, bundled as text.
import exampleScript from '../../../examples/orders-pipeline.sql?raw';
import lakeScript from '../../../examples/lake-sources-legacy.sql?raw';

export const EXAMPLE_FILE = 'orders-pipeline.sql';
export const EXAMPLE_SCRIPT: string = exampleScript;

/**
 * The lake sources scenario (examples/lake-sources-legacy.sql): the CDC -> ODS -> DWD -> ADS chain
 * on the legacy Iceberg source, to compare with FLIP-27 ("Compare with…" flips the source).
 */
export const LAKE_EXAMPLE_FILE = 'lake-sources-legacy.sql';
export const LAKE_EXAMPLE_SCRIPT: string = lakeScript;
