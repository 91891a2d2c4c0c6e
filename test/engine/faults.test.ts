// Provider faults, the same list for both action nodes: every one gives a clear node error (or
// success where it is one) within the configured timeout, none crashes the workflow, and no
// secret shows up in what the node reports.
import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Fault, Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

const TIMEOUT_SECONDS = 2;

const nodes = {
	wappin: {
		path: '/v1/message/do-send',
		parameters: {
			resource: 'message',
			operation: 'sendText',
			recipientNumber: '081234567890',
			text: 'halo',
		},
		credentials: () => ({ wappinApi: sim.credentialData().wappinApi }),
		ok: { status: '200', message: 'Success', message_id: 'x1' },
		errorCode: { status: '601', message: 'Contact invalid' },
	},
	oy: {
		path: '/api/whatsapp/send-link',
		parameters: {
			resource: 'whatsapp',
			operation: 'sendLink',
			partnerTxId: 'INV-001',
			whatsappNumber: '081234567890',
		},
		credentials: () => ({ oyApi: sim.credentialData().oyApi }),
		ok: {
			status: { code: '000', message: 'Success' },
			data: {
				partner_tx_id: 'INV-001',
				whatsapp_number: '6281234567890',
				success_queued: true,
				message_id: 'x1',
			},
		},
		errorCode: { status: { code: '204', message: 'Partner Tx ID not found' } },
	},
} as const;

const body = (value: unknown, status = 200): Fault => ({
	type: 'body',
	status,
	body: typeof value === 'string' ? value : JSON.stringify(value),
});

// [name, fault, expected message (undefined = success)]
const faults = (provider: keyof typeof nodes): Array<[string, Fault, RegExp | undefined]> => [
	['an HTML error page', { type: 'html', status: 502 }, /HTML page/],
	['an HTML page with HTTP 200', { type: 'html', status: 200 }, /HTML page/],
	['an empty body', body(''), /empty body/],
	['truncated JSON', body('{"status":"20'), /not with its JSON API format/],
	['JSON of the wrong type (an array)', body([1, 2, 3]), /not with its JSON API format/],
	['JSON of the wrong type (a string)', body('"Success"'), /not with its JSON API format/],
	['a 2 MB body', body({ ...nodes[provider].ok, padding: 'x'.repeat(2 * 1024 * 1024) }), undefined],
	['200 with an error code', body(nodes[provider].errorCode), /error (601|204): /],
	['HTTP 500', { type: 'status', status: 500 }, /500/],
	['HTTP 502 with JSON', body({ message: 'Bad gateway' }, 502), /502/],
	['a connection reset', { type: 'reset' }, /may have been received/],
	['no answer at all', { type: 'hang' }, /did not answer in time/],
];

describe.each(['wappin', 'oy'] as const)('%s', (provider) => {
	test.each(faults(provider))('%s', async (_name, fault, expected) => {
		const spec = nodes[provider];
		sim.fault(spec.path, { ...fault, times: 10 });
		const started = Date.now();
		const result = await runWorkflow({
			nodes: [
				node('Start', 'test.start'),
				node('Node', provider, {
					...spec.parameters,
					options: { timeoutSeconds: TIMEOUT_SECONDS },
				} as never),
			],
			credentials: credentialsHelper(spec.credentials()),
		});
		expect(Date.now() - started).toBeLessThan(TIMEOUT_SECONDS * 1000 + 3000);
		const error = result.errorOf('Node');
		if (expected === undefined) {
			expect(error).toBeUndefined();
			expect(result.output('Node')).toHaveLength(1);
		} else {
			expect(result.run.status).toBe('error');
			expect(error).toBeDefined();
			expect(error!.name).toMatch(/NodeApiError|NodeOperationError/);
			expect(error!.message).toMatch(expected);
			expect(error!.message.length).toBeLessThan(400);
			const reported = JSON.stringify({ message: error!.message, description: error!.description });
			for (const secret of [sim.config.wappin.secretKey, sim.config.oy.apiKey])
				expect(reported).not.toContain(secret);
			expect(reported).not.toMatch(/Bearer [0-9a-f]{16}/);
		}
	});
});
