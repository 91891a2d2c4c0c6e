import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CredentialCache } from '../shared/http/credentialCache';
import type { ProviderAnswer } from '../shared/http/providerAnswer';
import { describeUnexpectedBody } from '../shared/http/providerAnswer';
import type { RequestPolicy } from '../shared/http/requestPolicy';
import { asItemError, providerRefused, sendToProvider } from '../shared/http/sendToProvider';
import { OY_ERROR_CODES, oyAuthHeaders, oyBaseUrl } from './api';

const CREDENTIAL_TYPE = 'oyApi';

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
				// the headers the credential would add, without n8n's per-request credential work
				authenticationHeaders: oyAuthHeaders(credentials),
				build: () => ({
					method: 'POST',
					url: `${baseUrl}${path}`,
					headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					body: JSON.stringify(body),
				}),
			});
		} catch (error) {
			throw asItemError(this.node, error, itemIndex, {
				mayHaveBeenSent:
					'Check in the OY! dashboard whether the message was queued before sending it again.',
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
