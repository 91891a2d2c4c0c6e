import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CredentialCache } from '../shared/http/credentialCache';
import type { ProviderAnswer } from '../shared/http/providerAnswer';
import { describeUnexpectedBody, isJsonObject } from '../shared/http/providerAnswer';
import type { RequestPolicy } from '../shared/http/requestPolicy';
import { asItemError, providerRefused, sendToProvider } from '../shared/http/sendToProvider';
import { OY_ERROR_CODES, oyAuthHeaders, oyBaseUrl } from './api';

const CREDENTIAL_TYPE = 'oyApi';

export interface OyRequest {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	body?: IDataObject;
	query?: Record<string, string>;
}

const SEND_LINK_ADVICE = {
	mayHaveBeenSent:
		'Check in the OY! dashboard whether the message was queued before sending it again.',
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

	/** for errors; read once, as n8n copies the whole node on every getNode() */
	private readonly node: INode;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly policy: RequestPolicy,
	) {
		this.credentials = new CredentialCache(ctx, CREDENTIAL_TYPE);
		this.node = ctx.getNode();
	}

	/** Sends a WhatsApp link: `{ status: { code }, data }` answers. */
	async post(itemIndex: number, path: string, body: IDataObject): Promise<IDataObject> {
		return await this.request(itemIndex, { method: 'POST', path, body }, SEND_LINK_ADVICE);
	}

	/**
	 * One request to OY!; returns OY!'s answer (its `data` for `{ status: { code }, data }`
	 * answers). `advice` says what to do when it failed on the way.
	 */
	async request(
		itemIndex: number,
		request: OyRequest,
		advice: { mayHaveBeenSent: string },
	): Promise<IDataObject> {
		const credentials = await this.credentials.get(itemIndex);
		const baseUrl = oyBaseUrl(credentials);
		const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
		let answer: ProviderAnswer;
		try {
			answer = await sendToProvider({
				ctx: this.ctx,
				credentialType: CREDENTIAL_TYPE,
				policy: this.policy,
				credentialsDecrypted: this.credentials.decrypted(credentials),
				// the headers the credential would add, without n8n's per-request credential work
				authenticationHeaders: oyAuthHeaders(credentials),
				build: () => ({
					method: request.method,
					url: `${baseUrl}${request.path}${query}`,
					headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					...(request.body ? { body: JSON.stringify(request.body) } : {}),
				}),
			});
		} catch (error) {
			throw asItemError(this.node, error, itemIndex, {
				...advice,
				sentNothing:
					'Check the environment and base URL in the credential and this server’s network connection.',
			});
		}
		return this.interpret(answer, itemIndex);
	}

	private interpret(answer: ProviderAnswer, itemIndex: number): IDataObject {
		const { node } = this;
		const body = answer.json as
			{ status?: { code?: unknown; message?: unknown }; data?: unknown } | undefined;
		const code = body?.status?.code;
		// OY! failing inside may have queued the message; any other refusal queued nothing
		const failedInside = answer.statusCode >= 500 && answer.statusCode !== 503;
		if (isCheckoutAnswer(answer.json)) {
			return checkoutAnswer(node, answer, answer.json, itemIndex);
		}
		if (
			typeof body !== 'object' ||
			body === null ||
			Array.isArray(body) ||
			code === undefined ||
			code === null
		) {
			throw providerRefused(
				new NodeApiError(node, { message: 'unexpected answer' } as JsonObject, {
					message: `OY! answered HTTP ${answer.statusCode} with ${describeUnexpectedBody(answer)}, not with its JSON API format`,
					description:
						HTTP_ADVICE[answer.statusCode] ??
						(answer.statusCode >= 500
							? OY_ERROR_CODES['999']
							: 'Check the environment and base URL in the credential.'),
					httpCode: String(answer.statusCode),
					itemIndex,
				}),
				failedInside,
			);
		}
		const codeText = String(code);
		if (codeText === '000' && answer.statusCode < 400) {
			return (typeof body.data === 'object' && body.data !== null ? body.data : {}) as IDataObject;
		}
		const providerMessage =
			typeof body.status?.message === 'string' ? body.status.message : 'no message';
		throw providerRefused(
			new NodeApiError(node, body as JsonObject, {
				message: `OY! error ${codeText}: ${providerMessage}`,
				description:
					OY_ERROR_CODES[codeText] ??
					HTTP_ADVICE[answer.statusCode] ??
					(answer.statusCode >= 500 ? OY_ERROR_CODES['999'] : 'OY! did not accept the request.'),
				httpCode: codeText,
				itemIndex,
			}),
			failedInside || codeText === '999',
		);
	}
}

/** `{ status: true | false }`, or a payment's own fields (from the status endpoint). */
function isCheckoutAnswer(body: unknown): body is IDataObject {
	return (
		isJsonObject(body) &&
		(typeof body.status === 'boolean' ||
			(typeof body.status === 'string' && 'partner_tx_id' in body))
	);
}

/**
 * The Payment Link and Invoice API answers `{ status: true | false, message, … }`, and its status
 * endpoint the payment's own fields (`status` is then the payment's status): OY!'s answer as it
 * is, unless it says `status: false` or comes with an HTTP error.
 */
function checkoutAnswer(
	node: INode,
	answer: ProviderAnswer,
	body: IDataObject,
	itemIndex: number,
): IDataObject {
	const { statusCode } = answer;
	if (body.status !== false && statusCode < 400) return body;
	const message = typeof body.message === 'string' ? body.message : 'no message';
	const failedInside = statusCode >= 500 && statusCode !== 503;
	throw providerRefused(
		new NodeApiError(node, body as JsonObject, {
			message: `OY! refused the request${statusCode >= 400 ? ` (HTTP ${statusCode})` : ''}: ${message}`,
			description:
				(statusCode === 400 ? undefined : HTTP_ADVICE[statusCode]) ??
				(failedInside
					? 'OY! had an internal error: check in the OY! dashboard whether it acted before trying again.'
					: "Nothing was changed in OY!. Correct what OY!'s message names, then try again."),
			httpCode: String(statusCode),
			itemIndex,
		}),
		failedInside,
	);
}
