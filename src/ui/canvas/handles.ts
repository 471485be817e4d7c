// The handles a job's write edge leaves and enters by: a job sits above the table it writes
// (layout.ts), so the edge runs from the job's bottom to the table's top.
export const WRITE_SOURCE_HANDLE = 'writes';
export const WRITE_TARGET_HANDLE = 'written';
