// Saved versions of projects, in the IndexedDB store the projects live in (idb-keyval, database
// `freshet`, store `projects`): one record per project, `versions:<project id>`, holding its
// versions oldest first. A version is the project as its file holds it: script and layout (the
// script carries the settings as SET statements).
import { createStore, del, get, set } from 'idb-keyval';
import type { NodePosition } from '../store/project';

export interface ProjectVersion {
  id: string;
  projectId: string;
  name: string;
  /** Wall-clock ms when it was saved. */
  createdAt: number;
  /** Saved by the studio (before a restore), not by the user. */
  auto: boolean;
  fileName: string;
  script: string;
  positions: Record<string, NodePosition>;
  /** `4 tables · 3 jobs · 2 settings`, from the compile when it was saved. */
  summary: string;
}

/** Where versions are kept: IndexedDB in the browser, a Map in tests. */
export interface VersionStorage {
  /** A project's versions, oldest first. */
  listVersions(projectId: string): Promise<ProjectVersion[]>;
  saveVersion(v: ProjectVersion): Promise<void>;
  deleteVersion(projectId: string, id: string): Promise<void>;
  /** Every version of a project (the project was deleted). */
  deleteVersions(projectId: string): Promise<void>;
}

const store = createStore('freshet', 'projects');
const key = (projectId: string) => `versions:${projectId}`;

export const idbVersionStorage: VersionStorage = {
  async listVersions(projectId) {
    return (await get<ProjectVersion[]>(key(projectId), store)) ?? [];
  },
  async saveVersion(v) {
    const list = ((await get<ProjectVersion[]>(key(v.projectId), store)) ?? []).filter((x) => x.id !== v.id);
    list.push(v);
    await set(key(v.projectId), list, store);
  },
  async deleteVersion(projectId, id) {
    const list = ((await get<ProjectVersion[]>(key(projectId), store)) ?? []).filter((x) => x.id !== id);
    if (list.length === 0) await del(key(projectId), store);
    else await set(key(projectId), list, store);
  },
  async deleteVersions(projectId) {
    await del(key(projectId), store);
  },
};

/** Versions in a Map (tests, and a studio without IndexedDB). */
export function memoryVersionStorage(): VersionStorage {
  const byProject = new Map<string, ProjectVersion[]>();
  return {
    listVersions: async (projectId) => (byProject.get(projectId) ?? []).slice(),
    saveVersion: async (v) => void byProject.set(v.projectId, [...(byProject.get(v.projectId) ?? []).filter((x) => x.id !== v.id), v]),
    deleteVersion: async (projectId, id) => void byProject.set(projectId, (byProject.get(projectId) ?? []).filter((x) => x.id !== id)),
    deleteVersions: async (projectId) => void byProject.delete(projectId),
  };
}
