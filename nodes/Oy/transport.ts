import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderAnswer, RequestPolicy } from '../shared/http';
import {
	CredentialCache,
	TransportError,
	describeUnexpectedBody,
	sendToProvider,
} from '../shared/http';

const CREDENTIAL_TYPE = 'oyApi';

export const OY_BASE_URLS: Record<string, string> = {
	production: 'https://partner.oyindonesia.com',
	staging: 'https://api-stg.oyindonesia.com',
};

/** The same choice as oyBaseUrl(), as an expression for the credential test. */
export const OY_BASE_URL_EXPRESSION = `={{ $credentials.environment === "custom" ? String($credentials.baseUrl || "").replace(/\\/+$/, "") : ($credentials.environment === "staging" ? "${OY_BASE_URLS.staging}" : "${OY_BASE_URLS.production}") }}`;

export function oyBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	return OY_BASE_URLS[String(credentials.environment)] ?? OY_BASE_URLS.production;
}

/** OY's status codes with what they mean and what to do. */
export const OY_ERROR_CODES: Record<string, string> = {
	'000': 'Success',
	'201': 'The OY! user ID was not found. Check the username in the credential.',
	'202': 'The OY! user is not active. Contact your OY! business representative.',
	'203':
		'A request with this partner transaction ID was already made. Use the ID of another transaction.',
	'204':
		'The partner transaction ID was not found. It must be an existing Payment Link or Invoice transaction.',
	'206': 'The OY! balance is not enough.',
	'207':
		"This n8n server's IP address is not registered with OY!. Ask your OY! business representative to add it for this environment.",
	'208':
		'The API key is not valid. Check the API key and the environment (staging and production keys differ).',
	'257':
		'A request with this partner transaction ID is still being processed. Wait before trying again.',
	'300': 'OY! could not send the message.',
	'429':
		'Too many requests. Lower the concurrency or set a maximum number of requests per second in the node options.',
	'900': 'The request format is invalid.',
	'990': 'The request format is invalid. Check the partner transaction ID and the WhatsApp number.',
	'999':
		'OY! had an internal error. The message may or may not have been queued: check before sending it again.',
};

const HTTP_ADVICE: Record<number, string> = {
	400: OY_ERROR_CODES['990'],
	403: "OY! refused the request: this n8n server's IP address may not be registered, or the API key is not valid.",
	404: 'OY! does not know this address. Check the environment and base URL in the credential.',
	429: OY_ERROR_CODES['429'],
};

/** The one place that talks to OY! Indonesia: base URL, auth headers, answers and errors. */
export class OyTransport {
	private readonly credentials: CredentialCache;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly policy: RequestPolicy,
	) {
		this.credentials = new CredentialCache(ctx, CREDENTIAL_TYPE);
	}

	async post(itemIndex: number, path: string, body: IDataObject): Promise<IDataObject> {
		const credentials = await this.credentials.get(itemIndex);
		const baseUrl = oyBaseUrl(credentials);
		let answer: ProviderAnswer;
		try {
			answer = await sendToProvider({
				ctx: this.ctx,
				credentialType: CREDENTIAL_TYPE,
				policy: this.policy,
				credentialsDecrypted: this.credentials.decrypted(credentials),
				build: () => ({
					method: 'POST',
					url: `${baseUrl}${path}`,
					headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					body: JSON.stringify(body),
				}),
			});
		} catch (error) {
			if (!(error instanceof TransportError))
				throw new NodeApiError(this.ctx.getNode(), error as JsonObject, { itemIndex });
			throw new NodeApiError(this.ctx.getNode(), { message: error.message } as JsonObject, {
				message: error.message,
				description: error.mayHaveBeenSent
					? 'Check in the OY! dashboard whether the message was queued before sending it again.'
					: 'Check the environment and base URL in the credential and this server’s network connection.',
				itemIndex,
			});
		}
		return this.interpret(answer, itemIndex);
	}

	private interpret(answer: ProviderAnswer, itemIndex: number): IDataObject {
		const node = this.ctx.getNode();
		const body = answer.json as
			{ status?: { code?: unknown; message?: unknown }; data?: unknown } | undefined;
		const code = body?.status?.code;
		if (
			typeof body !== 'object' ||
			body === null ||
			Array.isArray(body) ||
			code === undefined ||
			code === null
		) {
			throw new NodeApiError(node, { message: 'unexpected answer' } as JsonObject, {
				message: `OY! answered HTTP ${answer.statusCode} with ${describeUnexpectedBody(answer)}, not with its JSON API format`,
				description:
					HTTP_ADVICE[answer.statusCode] ??
					(answer.statusCode >= 500
						? OY_ERROR_CODES['999']
						: 'Check the environment and base URL in the credential.'),
				httpCode: String(answer.statusCode),
				itemIndex,
			});
		}
		const codeText = String(code);
		if (codeText === '000' && answer.statusCode < 400) {
			return (typeof body.data === 'object' && body.data !== null ? body.data : {}) as IDataObject;
		}
		const providerMessage =
			typeof body.status?.message === 'string' ? body.status.message : 'no message';
		throw new NodeApiError(node, body as JsonObject, {
			message: `OY! error ${codeText}: ${providerMessage}`,
			description:
				OY_ERROR_CODES[codeText] ??
				HTTP_ADVICE[answer.statusCode] ??
				(answer.statusCode >= 500 ? OY_ERROR_CODES['999'] : 'OY! did not accept the request.'),
			httpCode: codeText,
			itemIndex,
		});
	}
}
