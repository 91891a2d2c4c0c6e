// The credential "Test" button of both credential types, through a real n8n's editor API.
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { connect } from './n8n';

const n8n = connect();
let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim?.close();
});

/** What the editor does when a person clicks "Test" on a saved credential. */
async function testButton(type: string, data: Record<string, unknown>) {
	const saved = await n8n.createCredential(`${type} ${Date.now()}`, type, data);
	const answer = await n8n.rest('POST', '/rest/credentials/test', {
		credentials: { id: saved.id, name: saved.name, type, data },
	});
	return answer.data as { status: 'OK' | 'Error'; message: string };
}

const wappin = () => sim.credentialData().wappinApi;
const oy = () => sim.credentialData().oyApi;
beforeEach(() => sim.clearRequests());

describe('Wappin credential test', () => {
	test('good values pass: a token is fetched, and a side-effect-free inquiry proves it works', async () => {
		expect(await testButton('wappinApi', wappin())).toMatchObject({ status: 'OK' });
		expect(sim.requests.map((r) => r.path)).toEqual(['/v1/token/get', '/v1/message/inquiry']);
		const [, inquiry] = sim.requests;
		expect(inquiry.headers.authorization).toMatch(/^Bearer [0-9a-f]{64}$/);
	});

	test("a wrong secret key fails with Wappin's own message", async () => {
		const result = await testButton('wappinApi', { ...wappin(), secretKey: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Invalid credential/);
		expect(result.message).not.toContain('not-the-secret');
	});

	test("an n8n server outside the project's IP whitelist is told so", async () => {
		sim.configure({ wappin: { ipAllowed: false } });
		try {
			const result = await testButton('wappinApi', wappin());
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/IP/);
		} finally {
			sim.configure({ wappin: { ipAllowed: true } });
		}
	});
});

describe('OY! credential test', () => {
	test('good values pass: the key is checked with GET /api/balance, which changes nothing', async () => {
		expect(await testButton('oyApi', oy())).toMatchObject({ status: 'OK' });
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/balance']);
		expect(sim.requests[0].headers).toMatchObject({
			'x-oy-username': oy().username,
			'x-api-key': oy().apiKey,
		});
	});

	test("a wrong API key fails with OY!'s message", async () => {
		const result = await testButton('oyApi', { ...oy(), apiKey: 'wrong-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^OY! answered 208: /);
		expect(result.message).not.toContain('wrong-key');
	});

	test('an n8n server whose IP OY! does not know is told so', async () => {
		sim.configure({ oy: { ipAllowed: false } });
		try {
			expect(await testButton('oyApi', oy())).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/^OY! answered 207: /),
			});
		} finally {
			sim.configure({ oy: { ipAllowed: true } });
		}
	});

	test('a Base URL that is not OY! fails with what to check', async () => {
		const result = await testButton('oyApi', { ...oy(), baseUrl: `${n8n.url}/nothing-here` });
		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/did not answer like OY!/),
		});
	});
});
