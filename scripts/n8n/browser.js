'use strict';
// The n8n editor in Debian's Chromium (playwright-core), for the browser suite and the screenshots.
const { chromium } = require('playwright-core');

const { OWNER } = require('./instance');

/** Headless Chromium as this machine allows it: no sandbox as root, no calls to the internet. */
function launchChromium() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** Signs the owner in on the editor at `editorUrl`, as a person does. */
async function signIn(page, editorUrl) {
	await page.goto(`${editorUrl}/signin`);
	await page.locator('input[type=email]').first().fill(OWNER.email);
	await page.locator('input[type=password]').first().fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.includes('signin'), {
		timeout: 30000,
		waitUntil: 'commit',
	});
}

module.exports = { launchChromium, signIn };
