import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import { NodeApiError } from 'n8n-workflow';

import type { ProviderAnswer, RequestPolicy } from '../shared/http';
import {
	CredentialCache,
	DEFAULT_TIMEOUT_MS,
	TransportError,
	describeUnexpectedBody,
	sendToProvider,
	toAnswer,
} from '../shared/http';

export const WAPPIN_DEFAULT_BASE_URL = 'https://api.wappin.id';
const CREDENTIAL_TYPE = 'wappinApi';

export function wappinBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || WAPPIN_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Asks Wappin for an access token with the client ID and secret key (Basic auth). */
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
	const body = (isObject(answer.json) ? answer.json : {}) as {
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

/** A file to send as the multipart part `media`. */
export interface WappinMedia {
	fileName: string;
	mimeType: string;
	size: number;
	/** the file's bytes from the start; read anew for a resend */
	chunks(): AsyncIterable<Uint8Array>;
}

export interface WappinRequest {
	path: string;
	/** body fields; objects become JSON strings in multipart bodies, as Wappin expects */
	fields: IDataObject;
	/** when set, the body is multipart with this file as `media` */
	media?: WappinMedia;
	/** add `client_id` and `project_id` from the credential (every send does; the inquiry does not) */
	identifyProject?: boolean;
	/** what Wappin's 404 means for this call */
	notFound?: string;
}

const CODE_ADVICE: Record<string, string> = {
	'400':
		'Wappin could not process the request. Check that the number of body parameters matches the template, and that the client ID and project ID in the credential belong together.',
	'401':
		'Wappin rejected the credentials or the access token. A new token was requested once; check the client ID and secret key in the credential.',
	'404': 'Not found.',
	'406':
		'Wappin did not recognise the authorization. Check the client ID and secret key in the credential.',
	'407':
		"This n8n server's IP address is not allowed. Add it to the project's IP whitelist in the Wappin dashboard (Integration → Notification or Chatbot).",
	'600':
		'The recipient is not a valid WhatsApp contact. Check that the number is registered on WhatsApp.',
	'601':
		'The recipient is not a valid WhatsApp contact. Check that the number is registered on WhatsApp.',
	'605':
		'Wappin could not accept the media. Check the media type and that the file is a PDF, DOC(X), PPT(X), XLS(X), JPG, PNG, AAC, M4A, MP3, OGG or OPUS file.',
	'429':
		'Wappin is receiving too many requests. Lower the concurrency or set a maximum number of requests per second in the node options.',
	'503': 'Wappin is temporarily unavailable. Try again later.',
};

function adviceFor(code: string, request: WappinRequest): string {
	if (code === '404' && request.notFound) return request.notFound;
	if (CODE_ADVICE[code]) return CODE_ADVICE[code];
	if (/^5\d\d$/.test(code)) {
		return 'Wappin failed while handling the request. The message may or may not have been sent: check its status before sending it again.';
	}
	return 'Wappin did not accept the request.';
}

/**
 * The one place that talks to Wappin for a node run. It adds the project identity, sends with
 * the credential's token, renews the token once when Wappin rejects it (HTTP 401 or a body
 * status "401"), and turns Wappin's answers into output or errors. Items running at the same
 * time share one token renewal.
 */
export class WappinTransport {
	private tokenGeneration = 0;

	private renewal: Promise<ProviderAnswer> | undefined;

	/** a token request that failed in this run: the other items fail with it instead of asking again */
	private renewalFailure: Error | undefined;

	private readonly credentials: CredentialCache;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly policy: RequestPolicy,
	) {
		this.credentials = new CredentialCache(ctx, CREDENTIAL_TYPE);
	}

	async call(itemIndex: number, request: WappinRequest): Promise<IDataObject> {
		let answer: ProviderAnswer;
		try {
			answer = await this.sendWithValidToken(itemIndex, request);
		} catch (error) {
			throw this.failure(error, itemIndex);
		}
		return this.interpret(answer, itemIndex, request);
	}

	private async sendWithValidToken(
		itemIndex: number,
		request: WappinRequest,
	): Promise<ProviderAnswer> {
		await this.renewal?.catch(() => undefined);
		if (this.renewalFailure) throw this.renewalFailure;
		const generation = this.tokenGeneration;
		const credentials = await this.credentials.get(itemIndex);
		if (credentials.accessToken) {
			const answer = await this.send(request, credentials);
			if (!isTokenRejected(answer)) return answer;
		}
		if (generation === this.tokenGeneration && !this.renewal) {
			// This item renews the token (its own request carries the new one); the others wait.
			// An empty token makes n8n fetch a new one, save it with the credential and write it here.
			this.tokenGeneration++;
			const renewed = { ...credentials, accessToken: '' };
			this.renewal = this.send(request, renewed).finally(() => {
				if (renewed.accessToken) this.credentials.replace(renewed);
			});
			// Registered first, so it runs before anyone waiting on the renewal resumes.
			this.renewal.catch((error: Error) => {
				if (!(error instanceof TransportError)) this.renewalFailure = error;
			});
			try {
				return await this.renewal;
			} finally {
				this.renewal = undefined;
			}
		}
		await this.renewal?.catch(() => undefined);
		if (this.renewalFailure) throw this.renewalFailure;
		return await this.send(request, await this.credentials.get(itemIndex));
	}

	private async send(
		request: WappinRequest,
		credentials: ICredentialDataDecryptedObject,
	): Promise<ProviderAnswer> {
		return await sendToProvider({
			ctx: this.ctx,
			credentialType: CREDENTIAL_TYPE,
			policy: this.policy,
			build: () => buildRequest(request, credentials),
			credentialsDecrypted: this.credentials.decrypted(credentials),
		});
	}

	private interpret(
		answer: ProviderAnswer,
		itemIndex: number,
		request: WappinRequest,
	): IDataObject {
		const node = this.ctx.getNode();
		const body = answer.json;
		if (!isObject(body)) {
			throw new NodeApiError(node, { message: 'unexpected answer' } as JsonObject, {
				message: `Wappin answered HTTP ${answer.statusCode} with ${describeUnexpectedBody(answer)}, not with its JSON API format`,
				description:
					answer.statusCode >= 500
						? adviceFor(String(answer.statusCode), request)
						: "Check the base URL in the Wappin credential (the real API is https://api.wappin.id). If it is right, Wappin's API may be having problems.",
				httpCode: String(answer.statusCode),
				itemIndex,
			});
		}
		const status = body.status === undefined || body.status === null ? '' : String(body.status);
		if (answer.statusCode < 400 && status === '200') return body;
		const code = status && status !== '200' ? status : String(answer.statusCode);
		const providerMessage =
			typeof body.message === 'string' && body.message ? body.message : 'no message';
		throw new NodeApiError(node, body as JsonObject, {
			message: `Wappin error ${code}: ${providerMessage}`,
			description: adviceFor(code, request),
			httpCode: code,
			itemIndex,
		});
	}

	private failure(error: unknown, itemIndex: number): Error {
		if (error instanceof TransportError) {
			return new NodeApiError(this.ctx.getNode(), { message: error.message } as JsonObject, {
				message: error.message,
				description: error.mayHaveBeenSent
					? 'Check the message status (Message → Get Status) or the recipient before sending it again.'
					: 'Check the base URL in the credential and this server’s network connection.',
				itemIndex,
			});
		}
		return error as Error;
	}
}

function buildRequest(
	request: WappinRequest,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestOptions {
	const fields: IDataObject =
		request.identifyProject === false
			? { ...request.fields }
			: {
					client_id: String(credentials.clientId ?? ''),
					project_id: String(credentials.projectId ?? ''),
					...request.fields,
				};
	const url = `${wappinBaseUrl(credentials)}${request.path}`;
	if (!request.media) {
		return {
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify(fields),
		};
	}
	const { body, contentType } = multipartBody(fields, request.media);
	return {
		method: 'POST',
		url,
		headers: { Accept: 'application/json', 'Content-Type': contentType },
		body,
	};
}

/**
 * multipart/form-data streamed with its exact length: the file goes from n8n's binary store to
 * the connection chunk by chunk, never copied into one large buffer, and is read anew for a
 * resend. n8n's HTTP client streams a Blob from its stream(); node code may not import Node's
 * stream module, so the body is a Blob in shape (size, type, stream) whose bytes are made on demand.
 */
function multipartBody(
	fields: IDataObject,
	media: WappinMedia,
): { body: Blob; contentType: string } {
	const boundary = `----n8nWappin${randomBytes(12).toString('hex')}`;
	const contentType = `multipart/form-data; boundary=${boundary}`;
	const quote = (text: string) => text.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
	let headText = '';
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		headText += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${text}\r\n`;
	}
	headText += `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${quote(media.fileName)}"\r\nContent-Type: ${media.mimeType}\r\n\r\n`;
	const head = Buffer.from(headText);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	async function* stream(): AsyncGenerator<Uint8Array> {
		yield head;
		let read = 0;
		for await (const chunk of media.chunks()) {
			read += chunk.length;
			if (read > media.size) break;
			yield chunk;
		}
		if (read !== media.size) {
			throw new Error(
				`The stored file "${media.fileName}" is not the ${media.size} bytes n8n recorded for it; nothing usable was sent`,
			);
		}
		yield tail;
	}
	const body = {
		size: head.length + media.size + tail.length,
		type: contentType,
		stream,
		[Symbol.toStringTag]: 'Blob',
	};
	return { body: body as unknown as Blob, contentType };
}

function isTokenRejected(answer: ProviderAnswer): boolean {
	return (
		answer.statusCode === 401 || (isObject(answer.json) && String(answer.json.status) === '401')
	);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
