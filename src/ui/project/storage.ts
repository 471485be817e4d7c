// Projects in IndexedDB (idb-keyval): an index of projects, one record per project, and the id
// of the one last open.
import { createStore, del, get, set } from 'idb-keyval';
import type { InputFiles, NodePosition } from '../store/project';

const store = createStore('freshet', 'projects');

export interface ProjectMeta {
  id: string;
  name: string;
  updatedAt: number;
}

export interface StoredProject extends ProjectMeta {
  fileName: string;
  script: string;
  positions: Record<string, NodePosition>;
  /** Attached input files (absent in projects saved before files could be attached). */
  files?: InputFiles;
}

const INDEX = 'index';
const CURRENT = 'current';

export async function listProjects(): Promise<ProjectMeta[]> {
  return ((await get<ProjectMeta[]>(INDEX, store)) ?? []).slice().sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function loadProject(id: string): Promise<StoredProject | null> {
  return (await get<StoredProject>(`project:${id}`, store)) ?? null;
}

export async function saveProject(p: StoredProject): Promise<void> {
  await set(`project:${p.id}`, p, store);
  const index = ((await get<ProjectMeta[]>(INDEX, store)) ?? []).filter((m) => m.id !== p.id);
  index.push({ id: p.id, name: p.name, updatedAt: p.updatedAt });
  await set(INDEX, index, store);
  await set(CURRENT, p.id, store);
}

export async function deleteProject(id: string): Promise<void> {
  await del(`project:${id}`, store);
  const index = ((await get<ProjectMeta[]>(INDEX, store)) ?? []).filter((m) => m.id !== id);
  await set(INDEX, index, store);
}

export async function currentProjectId(): Promise<string | null> {
  return (await get<string>(CURRENT, store)) ?? null;
}

export function newProjectId(): string {
  return `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Where the studio keeps projects: IndexedDB in the browser, a Map in tests. */
export interface ProjectStorage {
  listProjects(): Promise<ProjectMeta[]>;
  loadProject(id: string): Promise<StoredProject | null>;
  saveProject(p: StoredProject): Promise<void>;
  deleteProject(id: string): Promise<void>;
  currentProjectId(): Promise<string | null>;
  newProjectId(): string;
}

export const idbProjectStorage: ProjectStorage = { listProjects, loadProject, saveProject, deleteProject, currentProjectId, newProjectId };
