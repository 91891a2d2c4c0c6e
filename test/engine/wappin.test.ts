import type { INodeExecutionData } from 'n8n-workflow';

import { credentialsHelper, node, runWorkflow } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ statusStepMs: 20 });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

const wappinCredentials = () => ({
	wappinApi: {
		clientId: sim.config.wappin.clientId,
		secretKey: sim.config.wappin.secretKey,
		projectId: sim.config.wappin.projectId,
		baseUrl: sim.url,
		accessToken: '',
	},
});

async function runWappin(parameters: Record<string, unknown>, items: INodeExecutionData[] = [{ json: {} }], extra = {}) {
	const credentials = credentialsHelper(wappinCredentials());
	const result = await runWorkflow({
		nodes: [node('Start', 'test.start'), node('Wappin', 'wappin', parameters as never, extra)],
		credentials,
		items,
	});
	return { result, credentials };
}

describe('Wappin → notification → sendTemplate', () => {
	test('sends the documented body and outputs Wappin’s answer', async () => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '0812-3456-7890',
			templateName: 'johan_test_button',
			languageCode: 'id',
			bodyParameters: { parameter: [{ value: 'Name' }, { value: '8000181008192601' }, { value: '034567' }, { value: '0345aa67' }] },
			headerParameter: 'johan setiawan',
			buttonUrl: 'bell.com',
			buttonReplyPayloads: { payload: [{ value: 'hsdushfu' }, { value: 'sdfsfd' }, { value: 'payload 3' }] },
		});
		expect(result.run.status).toBe('success');
		const [send] = sim.requestsTo('/v1/message/do-send-hsm');
		expect(send.headers.authorization).toMatch(/^Bearer [0-9a-f]{64}$/);
		expect(send.headers['content-type']).toMatch(/^application\/json/);
		expect(send.body).toEqual({
			client_id: '0070',
			project_id: '476',
			type: 'johan_test_button',
			recipient_number: '6281234567890',
			language_code: 'id',
			params: { '1': 'Name', '2': '8000181008192601', '3': '034567', '4': '0345aa67' },
			header: { param: 'johan setiawan' },
			button: { url: 'bell.com', reply_payload: { '1': 'hsdushfu', '2': 'sdfsfd', '3': 'payload 3' } },
		});
		const [out] = result.output('Wappin');
		expect(out.json).toEqual({ message_id: expect.any(String), status: '200', message: 'Success' });
		expect(out.pairedItem).toEqual({ item: 0 });
	});

	test('sends only the parts the user filled in', async () => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '+62 812 3456 7890',
			templateName: 'welcome_message',
			bodyParameters: { parameter: [{ value: 'Ayu' }] },
		});
		expect(result.run.status).toBe('success');
		expect(sim.requestsTo('/v1/message/do-send-hsm')[0].body).toEqual({
			client_id: '0070',
			project_id: '476',
			type: 'welcome_message',
			recipient_number: '6281234567890',
			params: { '1': 'Ayu' },
		});
	});

	test.each([
		['wrong parameter count', { templateName: 'welcome_message', bodyParameters: {} }, /Wappin error 400: Message param count do not match/, /number of body parameters/],
		['unknown template', { templateName: 'no_such_template' }, /Wappin error 404: API Notification Template not found or inactive/, /Template menu/],
		['inactive template', { templateName: 'old_promo' }, /Wappin error 404/, /not active/],
		['invalid contact', { templateName: 'welcome_message', recipientNumber: '6280000000000', bodyParameters: { parameter: [{ value: 'x' }] } }, /Wappin error 601: Contact invalid/, /registered on WhatsApp/],
	])('%s → a clear NodeApiError', async (_name, parameters, message, description) => {
		const { result } = await runWappin({
			resource: 'notification',
			operation: 'sendTemplate',
			recipientNumber: '081234567890',
			...parameters,
		});
		expect(result.run.status).toBe('error');
		const error = result.errorOf('Wappin')!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.context?.itemIndex).toBe(0);
	});
});
