import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ProviderAnswer } from './providerAnswer';
import { toAnswer } from './providerAnswer';
import type { RequestPolicy } from './requestPolicy';

/**
 * A request that failed before or while talking to the provider. `mayHaveBeenSent` tells
 * whether the provider may have acted on it (so it must not be sent again).
 */
export class TransportError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly mayHaveBeenSent: boolean,
	) {
		super(message);
	}
}

export interface SendRequest {
	ctx: IExecuteFunctions;
	credentialType: string;
	/** built anew for every try, so a multipart body is never replayed from a used stream */
	build: () => IHttpRequestOptions | Promise<IHttpRequestOptions>;
	policy: RequestPolicy;
	/** send with these credential values instead of the stored ones */
	credentialsDecrypted?: ICredentialsDecrypted;
	/**
	 * Headers that authenticate the request by themselves (a cached token): sent through n8n's plain
	 * request helper, which skips the credential machinery n8n runs for every authenticated request
	 * (about 3 ms of CPU each, measured by the bench). Without them the credential authenticates.
	 */
	authenticationHeaders?: Record<string, string>;
}

// The provider says it did not process the request and asks to come back later.
const RETRYABLE_STATUSES = new Set([429, 503]);

/**
 * Sends one request through n8n's request helpers and returns the provider's
 * answer whatever its HTTP status. Retries only what certainly did not send anything.
 */
export async function sendToProvider(request: SendRequest): Promise<ProviderAnswer> {
	const { ctx, credentialType, build, policy, credentialsDecrypted, authenticationHeaders } =
		request;
	for (let attempt = 1; ; attempt++) {
		const isLastTry = attempt >= policy.maxTries;
		let answer: ProviderAnswer;
		await policy.pacer.beforeRequest();
		try {
			const options: IHttpRequestOptions = {
				...(await build()),
				timeout: policy.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				encoding: 'text',
				json: false,
			};
			const response = (await (authenticationHeaders
				? ctx.helpers.httpRequest({
						...options,
						headers: { ...options.headers, ...authenticationHeaders },
					})
				: ctx.helpers.httpRequestWithAuthentication.call(
						ctx,
						credentialType,
						options,
						credentialsDecrypted ? { credentialsDecrypted } : undefined,
					))) as IN8nHttpFullResponse;
			answer = toAnswer(response);
		} catch (error) {
			const failure = describeConnectionError(error);
			// Not a network failure (for example a failed token request): not ours to retry.
			if (!failure) throw markSentNothing(new NodeApiError(ctx.getNode(), error as JsonObject));
			if (failure.mayHaveBeenSent || isLastTry) throw failure;
			await sleep(backoffDelay(attempt, policy));
			continue;
		}
		if (!RETRYABLE_STATUSES.has(answer.statusCode) || isLastTry) return answer;
		const retryAfter = retryAfterDelay(answer.headers['retry-after'], policy);
		await sleep(retryAfter ?? backoffDelay(attempt, policy));
	}
}

// These never reach the provider's application: the connection was not made.
const NOT_CONNECTED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
// In words: n8n replaces any error message that contains a raw code with its own generic text.
const CODE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
};
const inWords = (code: string) =>
	CODE_WORDS[code] ?? code.slice(1).toLowerCase().replace(/_/g, ' ');

/** Finds the network error code inside whatever n8n wrapped around it. */
function findErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; reason?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = (current.cause ?? current.reason) as typeof current;
	}
	const message = (error as Error)?.message ?? '';
	return /\b(E[A-Z]{4,})\b/.exec(message)?.[1];
}

function describeConnectionError(error: unknown): TransportError | undefined {
	if (error instanceof TransportError) return error;
	const code = findErrorCode(error);
	const isTimeout = /timeout|timed out/i.test((error as Error)?.message ?? '');
	if (!code && !isTimeout) return undefined;
	if (code && NOT_CONNECTED_CODES.has(code)) {
		return new TransportError(
			`The provider could not be reached (${inWords(code)}); nothing was sent.`,
			code,
			false,
		);
	}
	if (!code || TIMEOUT_CODES.has(code) || isTimeout) {
		return new TransportError(
			'The provider did not answer in time. The request may have been received, so it was not sent again.',
			'ETIMEDOUT',
			true,
		);
	}
	return new TransportError(
		`The connection to the provider failed (${inWords(code)}) after the request was sent. It may have been received, so it was not sent again.`,
		code,
		true,
	);
}

function backoffDelay(attempt: number, policy: RequestPolicy): number {
	return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/** Retry-After in seconds or as an HTTP date; capped so a provider cannot park a workflow. */
function retryAfterDelay(header: unknown, policy: RequestPolicy): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
	if (!Number.isFinite(ms)) return undefined;
	return Math.max(0, Math.min(ms, policy.maxDelayMs));
}

/**
 * Marks an error after which the provider certainly did nothing (an error code it answered, a
 * refused connection, a request never made): Send Once then lets a re-run send the item.
 * Errors not marked count as "may have been sent".
 */
export function markSentNothing<T extends Error>(error: T): T {
	const withContext = error as T & { context?: Record<string, unknown> };
	withContext.context = { ...(withContext.context ?? {}), sentNothing: true };
	return error;
}

export function sentNothing(error: Error): boolean {
	return (error as { context?: Record<string, unknown> }).context?.sentNothing === true;
}

/** A TransportError as the item's error, with what to check; other errors pass unchanged. */
export function asItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
	advice: { mayHaveBeenSent: string; sentNothing: string },
): Error {
	if (!(error instanceof TransportError)) return error as Error;
	const failure = new NodeApiError(node, { message: error.message } as JsonObject, {
		message: error.message,
		description: error.mayHaveBeenSent ? advice.mayHaveBeenSent : advice.sentNothing,
		itemIndex,
	});
	return error.mayHaveBeenSent ? failure : markSentNothing(failure);
}

/** An error answer: one where the provider failed inside (5xx but 503) may have sent it. */
export function providerRefused(error: NodeApiError, failedInside: boolean): NodeApiError {
	return failedInside ? error : markSentNothing(error);
}
