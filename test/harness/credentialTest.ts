import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { credentialsHelper, createWorkflow, node } from './run';
import { credentialTypes } from './run';

const sendRequest = async (options: IHttpRequestOptions) =>
	(await Container.get(OutboundHttp).requests().request(options)) as unknown;

/**
 * What the credential's "Test" button does in n8n (the CLI's CredentialsTester): run
 * preAuthentication, send the `test.request` with the credential applied, and check its rules.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credentialType = credentialTypes.getByName(type);
	const credentials = { ...data };
	try {
		if (typeof credentialType.preAuthentication === 'function') {
			const helper: IHttpRequestHelper = { helpers: { httpRequest: sendRequest as never } };
			Object.assign(credentials, await credentialType.preAuthentication.call(helper, credentials));
		}
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const test = credentialType.test;
	if (!test) throw new Error(`${type} has no test`);
	const testNode = node('Credential test', 'test.start');
	const workflow = createWorkflow([testNode], {});
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? String(
					workflow.expression.getSimpleParameterValue(testNode, value, 'internal', {
						$credentials: credentials,
					}),
				)
			: value;
	const request = test.request;
	const options: IHttpRequestOptions = {
		method: request.method ?? 'GET',
		url: `${String(resolve(request.baseURL) ?? '')}${String(resolve(request.url) ?? '')}`,
		body: request.body as IDataObject,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const authenticated = await credentialsHelper({ [type]: credentials }).authenticate(
		credentials,
		type,
		options,
		workflow,
		testNode,
	);
	let response: IN8nHttpFullResponse;
	try {
		response = (await sendRequest(authenticated)) as IN8nHttpFullResponse;
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	// n8n's tester: an HTTP error (unless the request ignores them) is judged by the responseCode
	// rules, else by its status text; the responseSuccessBody rules only see answers that got through.
	if (response.statusCode >= 400 && !request.ignoreHttpStatusErrors) {
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.statusCode) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return {
			status: 'Error',
			message: response.statusMessage ?? `Received HTTP status code: ${response.statusCode}`,
		};
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const found = rule.properties.key
			.split('.')
			.reduce<unknown>((value, key) => (value as IDataObject)?.[key], response.body);
		if (found === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
