import { credentialTypes, credentialsHelper, node, nodeTypes, runWorkflow } from '../harness';

test('node and credential types load from the "n8n" section of package.json, as n8n loads a package', () => {
	expect(
		Object.keys(nodeTypes.byName)
			.filter((n) => n.startsWith('n8n-nodes-oy-wappin.'))
			.sort(),
	).toEqual([
		'n8n-nodes-oy-wappin.oy',
		'n8n-nodes-oy-wappin.oyTrigger',
		'n8n-nodes-oy-wappin.wappin',
		'n8n-nodes-oy-wappin.wappinTrigger',
	]);
	expect(Object.keys(credentialTypes.byName).sort()).toEqual([
		'oyApi',
		'oyCallbackApi',
		'wappinApi',
		'wappinCallbackApi',
	]);
});

test('a node that throws fails the run: the harness cannot report success for a failing workflow', async () => {
	const result = await runWorkflow({
		nodes: [
			node('Start', 'test.start'),
			node('Broken', 'test.broken'),
			node('After', 'test.start'),
		],
		credentials: credentialsHelper({}),
	});
	expect(result.run.status).toBe('error');
	expect(result.errorOf('Broken')!.message).toBe('this node always fails');
	expect(() => result.output('Broken')).toThrow('this node always fails');
	expect(() => result.output('After')).toThrow(/did not run/);
});

test('items flow through a workflow unchanged by the start node', async () => {
	const result = await runWorkflow({
		nodes: [node('Start', 'test.start'), node('Next', 'test.start')],
		credentials: credentialsHelper({}),
		items: [{ json: { a: 1 } }, { json: { a: 2 } }],
	});
	expect(result.run.status).toBe('success');
	expect(result.output('Next').map((i) => i.json)).toEqual([{ a: 1 }, { a: 2 }]);
});
