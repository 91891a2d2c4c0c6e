import path from 'node:path';

import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import type { ICredentialTypes } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/**
 * Loads the built package the way n8n does: every file listed in the "n8n" section of
 * package.json, each exporting one class. Node types are named `<package>.<description.name>`.
 */
function findRoot(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			if (
				(require(path.join(dir, 'package.json')) as { name?: string }).name ===
				'n8n-nodes-oy-wappin'
			)
				return dir;
		} catch {
			// no package.json here
		}
	}
	throw new Error('package root not found');
}
// The same code runs from test/ under jest and compiled under .tmp/ for the benchmark.
export const PACKAGE_ROOT = findRoot(__dirname);
const root = PACKAGE_ROOT;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE = manifest.name;

function loadClasses<T>(files: string[]): T[] {
	return files.map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exports = require(path.join(root, file)) as Record<string, new () => T>;
		const classes = Object.values(exports).filter((value) => typeof value === 'function');
		if (classes.length !== 1) throw new Error(`${file} must export exactly one class`);
		return new classes[0]();
	});
}

export class PackageNodeTypes implements INodeTypes {
	readonly byName: Record<string, INodeType | IVersionedNodeType> = {};

	constructor(extra: Record<string, INodeType> = {}) {
		for (const nodeType of loadClasses<INodeType>(manifest.n8n.nodes)) {
			this.byName[`${PACKAGE}.${nodeType.description.name}`] = nodeType;
		}
		Object.assign(this.byName, extra);
	}

	getByName(type: string) {
		const nodeType = this.byName[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export class PackageCredentialTypes implements ICredentialTypes {
	readonly byName: Record<string, ICredentialType>;

	constructor() {
		this.byName = Object.fromEntries(
			loadClasses<ICredentialType>(manifest.n8n.credentials).map((type) => [type.name, type]),
		);
	}

	recognizes(type: string) {
		return type in this.byName;
	}

	getByName(type: string): ICredentialType {
		const credentialType = this.byName[type];
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		return credentialType;
	}

	getSupportedNodes(): string[] {
		return [];
	}

	getParentTypes(type: string): string[] {
		return (this.byName[type]?.extends ?? []).flatMap((parent) => [
			parent,
			...this.getParentTypes(parent),
		]);
	}
}
