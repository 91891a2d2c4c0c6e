'use strict';
// Stops the n8n that globalSetup started (and its task runner). Its log stays in .tmp/e2e/n8n.log.
module.exports = async function globalTeardown() {
	const n8n = globalThis.__E2E_N8N__;
	if (n8n) await n8n.stop();
};
