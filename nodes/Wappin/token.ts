import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { describeUnexpectedBody, isJsonObject, toAnswer } from '../shared/http/providerAnswer';
import { DEFAULT_TIMEOUT_MS } from '../shared/http/requestPolicy';

/**
 * What both the Wappin credential and the Wappin transport need: where the API is and how an
 * access token is asked for. Credentials import only this file from nodes/.
 */

export const WAPPIN_DEFAULT_BASE_URL = 'https://api.wappin.id';

/** How a Wappin request carries its token: the credential and the transport both send it so. */
export function bearer(token: string): Record<string, string> {
	return { Authorization: `Bearer ${token}` };
}

export function wappinBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || WAPPIN_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * Asks Wappin for an access token with the client ID and secret key (Basic auth). Asked again
 * before expiry, Wappin answers "Token not expired" with the same token: both are a success.
 */
export async function fetchAccessToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const basic = Buffer.from(
		`${String(credentials.clientId)}:${String(credentials.secretKey)}`,
	).toString('base64');
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url: `${wappinBaseUrl(credentials)}/v1/token/get`,
		headers: {
			Authorization: `Basic ${basic}`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		body: '{}',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		timeout: DEFAULT_TIMEOUT_MS,
	})) as IN8nHttpFullResponse;
	const answer = toAnswer(response);
	const body = (isJsonObject(answer.json) ? answer.json : {}) as {
		status?: unknown;
		message?: unknown;
		data?: { access_token?: unknown };
	};
	const token = body.data?.access_token;
	if (
		answer.statusCode < 400 &&
		String(body.status) === '200' &&
		typeof token === 'string' &&
		token !== ''
	) {
		return token;
	}
	const what =
		body.status !== undefined
			? `${String(body.status)} ${String(body.message ?? '')}`.trim()
			: `HTTP ${answer.statusCode} with ${describeUnexpectedBody(answer)}`;
	throw new Error(
		`Wappin did not issue an access token (${what}). Check the client ID and secret key in the Wappin dashboard (Integration → Notification), and that this n8n server's IP address is whitelisted.`,
	);
}
