import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { CredentialCache } from '../shared/http/credentialCache';
import type { ProviderAnswer } from '../shared/http/providerAnswer';
import type { RequestPolicy } from '../shared/http/requestPolicy';
import { asItemError, markSentNothing, sendToProvider } from '../shared/http/sendToProvider';
import { interpretAnswer, isTokenRejected } from './answers';
import type { WappinMedia } from './media';
import { multipartBody } from './multipart';
import { bearer, wappinBaseUrl } from './token';

const CREDENTIAL_TYPE = 'wappinApi';

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

/** Token renewals under way in this process, by credential and rejected token. */
const renewalsInProcess = new Map<string, Promise<string>>();

/**
 * The one place that talks to Wappin for a node run: adds the project identity, sends with the
 * credential's token, and when Wappin rejects a token (HTTP 401 or a body status "401") gets a
 * new one once and sends again.
 */
export class WappinTransport {
	private readonly credentials: CredentialCache;

	/** this run's renewals by rejected token; a failed one stays failed for the rest of the run */
	private readonly renewals = new Map<string, Promise<string>>();

	/** for errors; read once, as n8n copies the whole node on every getNode() */
	private readonly node: INode;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly policy: RequestPolicy,
	) {
		this.credentials = new CredentialCache(ctx, CREDENTIAL_TYPE);
		this.node = ctx.getNode();
	}

	async call(itemIndex: number, request: WappinRequest): Promise<IDataObject> {
		let answer: ProviderAnswer;
		try {
			answer = await this.sendWithValidToken(itemIndex, request);
		} catch (error) {
			throw this.failure(error, itemIndex);
		}
		return interpretAnswer(this.node, answer, itemIndex, request.notFound);
	}

	private async sendWithValidToken(itemIndex: number, request: WappinRequest) {
		const credentials = await this.credentials.get(itemIndex);
		const token = String(credentials.accessToken ?? '');
		if (token) {
			const answer = await this.send(request, credentials);
			if (!isTokenRejected(answer)) return answer;
		}
		// the send with the rejected token did nothing; so does a failed renewal
		const newToken = await this.renewedToken(itemIndex, token).catch((error: Error) => {
			throw markSentNothing(error);
		});
		const renewed = { ...credentials, accessToken: newToken };
		this.credentials.replace(renewed);
		return await this.send(request, renewed);
	}

	/** One renewal per rejected token, shared by the items of this run and of other runs here. */
	private async renewedToken(itemIndex: number, rejected: string): Promise<string> {
		let renewal = this.renewals.get(rejected);
		if (!renewal) {
			const key = `${this.credentials.id}\n${rejected}`;
			renewal = renewalsInProcess.get(key);
			if (!renewal) {
				renewal = this.renew(itemIndex, rejected);
				renewalsInProcess.set(key, renewal);
				const forget = () => renewalsInProcess.delete(key);
				renewal.then(forget, forget);
			}
			this.renewals.set(rejected, renewal);
		}
		return await renewal;
	}

	private async renew(itemIndex: number, rejected: string): Promise<string> {
		// Another worker may have renewed the token already and saved it with the credential.
		const stored = await this.ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
		const storedToken = String(stored.accessToken ?? '');
		if (storedToken && storedToken !== rejected) return storedToken;
		return await this.requestNewToken(stored);
	}

	/**
	 * A side-effect-free inquiry sent with an empty token makes n8n run the credential's
	 * preAuthentication, save the new token with the credential and send the inquiry with it.
	 * n8n hands the token back by writing it into the credential data it was given: n8n-core
	 * does so in 1.x and 2.x, no document promises it, and test/e2e/actions.e2e.ts checks it.
	 */
	private async requestNewToken(stored: ICredentialDataDecryptedObject): Promise<string> {
		const data = { ...stored, accessToken: '' };
		const inquiry = { path: '/v1/message/inquiry', fields: { message_id: 'n8n-token-renewal' } };
		await this.send({ ...inquiry, identifyProject: false }, data);
		if (!data.accessToken) throw new Error('n8n did not hand back the renewed Wappin token');
		return String(data.accessToken);
	}

	/**
	 * With a token in hand the request carries it itself; without one (a renewal) n8n's credential
	 * machinery runs the credential's preAuthentication and saves the new token with the credential.
	 */
	private async send(request: WappinRequest, credentials: ICredentialDataDecryptedObject) {
		const token = String(credentials.accessToken ?? '');
		return await sendToProvider({
			ctx: this.ctx,
			credentialType: CREDENTIAL_TYPE,
			policy: this.policy,
			build: () => buildRequest(request, credentials),
			credentialsDecrypted: this.credentials.decrypted(credentials),
			authenticationHeaders: token ? bearer(token) : undefined,
		});
	}

	private failure(error: unknown, itemIndex: number): Error {
		return asItemError(this.node, error, itemIndex, {
			mayHaveBeenSent:
				'Check the message status (Message → Get Status) or the recipient before sending it again.',
			sentNothing: 'Check the base URL in the credential and this server’s network connection.',
		});
	}
}

function buildRequest(
	request: WappinRequest,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestOptions {
	const project = {
		client_id: String(credentials.clientId ?? ''),
		project_id: String(credentials.projectId ?? ''),
	};
	const fields =
		request.identifyProject === false ? request.fields : { ...project, ...request.fields };
	const url = `${wappinBaseUrl(credentials)}${request.path}`;
	if (!request.media) {
		const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		return { method: 'POST', url, headers, body: JSON.stringify(fields) };
	}
	const { body, contentType } = multipartBody(fields, request.media);
	return {
		method: 'POST',
		url,
		headers: { Accept: 'application/json', 'Content-Type': contentType },
		body,
	};
}
