// Downloads from the studio: a text file, or the deploy bundle as one zip (one file to save, and
// the browser asks no "allow several downloads" question). Nothing leaves the machine.
import { strToU8, zipSync } from 'fflate';
import type { ExportFile } from '../../engine/index';

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** The bundle's files inside one folder of a zip, so unpacking makes `<folder>/`. */
export function zipBundle(folder: string, files: readonly ExportFile[]): Uint8Array {
  // Fixed timestamps: the same export gives the same bytes.
  const mtime = new Date(Date.UTC(2026, 0, 1));
  return zipSync(Object.fromEntries(files.map((f) => [`${folder}/${f.path}`, [strToU8(f.content), { mtime }]])), { level: 6 });
}

export function downloadZip(name: string, bytes: Uint8Array): void {
  // A copy into a fresh ArrayBuffer: Blob takes ArrayBuffer-backed views only.
  downloadBlob(name, new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'application/zip' }));
}
