// Asks what an Iceberg table added from the palette is: its format version (1, 2 or 3; 2 is the
// default, as in Iceberg 1.4+) and whether it is keyed by `id`, which turns on Flink's upsert
// mode for v2 and v3. Shows the WITH lines the choice writes, so the DDL is no surprise. A modal
// <dialog>: arrow keys move between versions, Enter adds, Escape cancels.
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_LAKE_CHOICE, lakeOptions, type LakeChoice } from '../project/edits';

const VERSIONS: { version: LakeChoice['formatVersion']; title: string; doc: string }[] = [
  { version: 1, title: 'v1', doc: 'Append-only: data files only. An updating input is rejected.' },
  { version: 2, title: 'v2', doc: 'Row-level deletes: equality and position delete files, merged on read.' },
  { version: 3, title: 'v3', doc: 'Deletion vectors (one per data file) replace position deletes.' },
];

export interface LakeTableDialogProps {
  /** The layer the table goes into, for the title. */
  layer: string;
  onAdd(choice: LakeChoice): void;
  onCancel(): void;
}

export function LakeTableDialog({ layer, onAdd, onCancel }: LakeTableDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<LakeChoice>(DEFAULT_LAKE_CHOICE);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    d.querySelector<HTMLInputElement>('input[name="format-version"]:checked')?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, []);
  const options = lakeOptions(choice);
  const upsert = options['write.upsert.enabled'] === 'true';
  return (
    <dialog
      ref={ref}
      className="dialog lake-dialog"
      data-testid="lake.dialog"
      aria-labelledby="lake-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onAdd(choice);
        }}
        onKeyDown={(e) => {
          // Enter on a version or the key box adds, as it would in a text field.
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
            e.preventDefault();
            onAdd(choice);
          }
        }}
      >
        <h2 id="lake-dialog-title" className="dialog-title">
          Add an Iceberg table to {layer}
        </h2>
        <fieldset className="lake-versions">
          <legend className="lake-legend">Format version</legend>
          {VERSIONS.map((v) => (
            <label key={v.version} className={`lake-version ${choice.formatVersion === v.version ? 'on' : ''}`} data-testid={`lake.version.${v.version}`}>
              <input
                type="radio"
                name="format-version"
                value={v.version}
                checked={choice.formatVersion === v.version}
                onChange={() => setChoice((c) => ({ ...c, formatVersion: v.version }))}
              />
              <span className="lake-version-title">
                {v.title}
                {v.version === 2 && <span className="muted small"> (default)</span>}
              </span>
              <span className="lake-version-doc muted">{v.doc}</span>
            </label>
          ))}
        </fieldset>
        <label className="lake-key">
          <input type="checkbox" data-testid="lake.keyed" checked={choice.keyed} onChange={(e) => setChoice((c) => ({ ...c, keyed: e.target.checked }))} />
          <span>
            Primary key <code>id</code>
            <span className="muted small lake-key-doc">
              {!choice.keyed
                ? ' Without a key every change is appended as a row.'
                : upsert
                  ? ' Each change replaces the row with its key: upsert mode writes an equality delete and the new row.'
                  : ' A v1 table cannot delete rows, so upsert stays off: only inserts can be written.'}
            </span>
          </span>
        </label>
        <div className="lake-preview" data-testid="lake.preview" aria-label="Options the table gets">
          <div className="muted small">Written into the table’s WITH clause:</div>
          <pre>
            {Object.entries(options)
              .map(([k, v]) => `'${k}' = '${v}'`)
              .join(',\n')}
          </pre>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="lake.cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn primary" data-testid="lake.add">
            Add table
          </button>
        </div>
      </form>
    </dialog>
  );
}
