#!/usr/bin/env node
// Starts the OY! and Wappin simulator on its own and prints what to put in the n8n credentials.
// usage: npm run simulator [-- --port 4010 --oy-callback URL --wappin-callback URL --latency MS]
'use strict';
const { startSimulator } = require('./index');

/** What a template wants filled, as the start-up notice lists it. */
function templateParts(template) {
	return [
		`${template.params} body param${template.params === 1 ? '' : 's'}`,
		template.header && 'header param',
		template.media && `${template.media.join(' or ')} header`,
		template.urlButton && 'URL button',
		template.quickReplies && `${template.quickReplies} quick replies`,
		!template.active && 'inactive',
	]
		.filter(Boolean)
		.join(', ');
}

function option(name) {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : undefined;
}

(async () => {
	const sim = await startSimulator({
		port: Number(option('port') ?? 4010),
		statusStepMs: Number(option('status-step') ?? 100),
		latencyMs: Number(option('latency') ?? 0),
		callbackUrls: { oy: option('oy-callback'), wappin: option('wappin-callback') },
	});
	const { oy, wappin } = sim.config;
	console.log(`OY! and Wappin simulator listening on ${sim.url}

OY! Indonesia API credential:  Environment = Custom, Base URL = ${sim.url}
  Username = ${oy.username}
  API Key  = ${oy.apiKey}
  known transactions: ${Object.keys(oy.transactions).join(', ')}, and any ID starting with ${oy.transactionPrefix}

Wappin API credential:  Base URL = ${sim.url}
  Client ID  = ${wappin.clientId}
  Secret Key = ${wappin.secretKey}
  Project ID = ${wappin.projectId}
  templates: ${Object.entries(wappin.templates)
		.map(([name, t]) => `${name} (${templateParts(t)})`)
		.join(', ')}

Callbacks: ${sim.config.callbackUrls.oy ?? '(no OY! callback URL)'} / ${sim.config.callbackUrls.wappin ?? '(no Wappin callback URL)'}
  change them with: curl -X POST ${sim.url}/__sim/config -H 'content-type: application/json' -d '{"callbackUrls":{"wappin":"http://…"}}'
Ctrl-C stops it.`);
	const stop = () => sim.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})();
