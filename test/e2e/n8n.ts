// The end-to-end suites' view of the test toolkit (scripts/n8n): the n8n that globalSetup
// started, and the shared workflow and HTTP helpers.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { N8nInstance } from '../../scripts/n8n/instance';

export * from '../../scripts/n8n/workflows';
export type { SavedCredentials } from '../../scripts/n8n/instance';

const STATE_FILE = path.resolve(__dirname, '../../.tmp/e2e/state.json');

/** The n8n that globalSetup started, with the owner's cookie and an API key. */
export function connect(): N8nInstance {
	const state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
	const n8n = new N8nInstance(state);
	n8n.cookie = state.cookie;
	n8n.apiKey = state.apiKey;
	return n8n;
}
