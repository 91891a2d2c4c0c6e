#!/usr/bin/env node
'use strict';
// Takes docs/n8n-editor.png and docs/n8n-wappin-node.png: the example bulk workflow run in a real n8n editor, in headless
// Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH). Start `npm start` first.
const path = require('node:path');

const { launchChromium, signIn } = require('./n8n/browser');
const { ROOT } = require('./n8n/instance');

const EDITOR = process.env.N8N_EDITOR_URL || 'http://127.0.0.1:5678';
const WORKFLOW = process.argv[2] || 'Wappin payment reminders to many customers';
const DOCS = path.join(ROOT, 'docs');

(async () => {
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({
			viewport: { width: 1440, height: 810 },
			deviceScaleFactor: 1,
		});
		await signIn(page, EDITOR);
		// the workflow list the user sees after signing in
		await page.getByText(WORKFLOW, { exact: true }).first().click({ timeout: 30000 });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
		// run it, so the canvas shows the items that went through each node
		await page.locator('[data-test-id^="execute-workflow-button"]').first().click({ force: true });
		await page.waitForTimeout(6000);
		await page.screenshot({ path: path.join(DOCS, 'n8n-editor.png') });
		// and the Wappin node open, with its parameters and output
		await page.locator('[data-test-id="canvas-node"]').last().dblclick();
		await page.waitForTimeout(2000);
		await page.screenshot({ path: path.join(DOCS, 'n8n-wappin-node.png') });
		console.log('wrote docs/n8n-editor.png and docs/n8n-wappin-node.png');
	} finally {
		await browser.close();
	}
})().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
