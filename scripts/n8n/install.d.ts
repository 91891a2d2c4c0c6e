// Types of install.js (plain JavaScript, shared by the end-to-end suites and `npm start`).
import type { InstalledN8n } from './instance';

export const CACHE_DIR: string;
export const N8N_VERSION: string;
export const NODE_PACKAGE: string;
/** Node 24 and n8n `version` from the npm registry, installed once into CACHE_DIR. */
export function ensureN8n(options?: {
	version?: string;
	nodePackage?: string;
	log?: (line: string) => void;
}): Promise<InstalledN8n>;
