import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	JsonObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

/**
 * Credential values read once per node run and handed to n8n with every request, instead of
 * n8n decrypting and resolving them again for each item.
 */
export class CredentialCache {
	private data: Promise<ICredentialDataDecryptedObject> | undefined;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly type: string,
	) {}

	async get(itemIndex: number): Promise<ICredentialDataDecryptedObject> {
		this.data ??= this.ctx.getCredentials(this.type, itemIndex);
		return await this.data;
	}

	replace(data: ICredentialDataDecryptedObject): void {
		this.data = Promise.resolve(data);
	}

	/** the form n8n's request helper takes; n8n writes a renewed token into `data` */
	decrypted(data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
		const selected = this.ctx.getNode().credentials?.[this.type];
		return { id: selected?.id ?? '', name: selected?.name ?? this.type, type: this.type, data };
	}
}

/** What a provider answered, before anyone decides whether it is a success. */
export interface ProviderAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	/** the body as received */
	text: string;
	/** the body parsed as JSON, or undefined when it is not JSON */
	json: unknown;
}

export interface RequestPolicy {
	/** how long to wait for an answer */
	timeoutMs: number;
	/** how many times one request may be sent in all (1 = never retried) */
	maxTries: number;
	/** first back-off delay; it doubles after each try */
	baseDelayMs: number;
	/** no wait, whether from back-off or Retry-After, is longer than this */
	maxDelayMs: number;
	/** spaces the starts of this node run's requests, retries included */
	pacer: RequestPacer;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const DEFAULT_RETRIES = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	maxTries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

/** The request fields every action node offers in its `options` collection. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Slow down to at most this many requests per second, for provider rate limits. 0 means no limit.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description:
			'How long to wait for the provider. A send that times out is not repeated, because the provider may have received it.',
	},
	{
		displayName: 'Max Tries',
		name: 'maxTries',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 4,
		description:
			'How many times a request is sent when the provider answers 429 or 503 or cannot be reached: only cases where nothing was sent',
	},
];

/** The request options of one node run (read once, from the first item). */
export function readRequestPolicy(ctx: IExecuteFunctions): RequestPolicy {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutSeconds = Number(options.timeoutSeconds ?? DEFAULT_TIMEOUT_MS / 1000);
	const maxTries = Math.floor(Number(options.maxTries ?? DEFAULT_RETRIES.maxTries));
	const requestsPerSecond = Number(options.requestsPerSecond ?? 0);
	return {
		...DEFAULT_RETRIES,
		timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
		maxTries: maxTries >= 1 ? maxTries : DEFAULT_RETRIES.maxTries,
		pacer: new RequestPacer(
			Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 0,
		),
	};
}

/**
 * Spaces request starts. With a rate limit, the n-th start waits until n / rate seconds have
 * passed. And two requests never start in the same turn of Node's event loop: n8n opens a new
 * connection for every request, and a request is written only once its connection is made, on a
 * later turn. When several answers arrive together, their follow-up requests would otherwise all
 * wait for the whole group to be handled and go out together again, so the group would never
 * break up and every request would wait for all of them. Started apart, each is written as soon
 * as it is ready and the answers spread out.
 */
export class RequestPacer {
	private nextStart = 0;

	/** the event loop's idle time when the last request started */
	private idleAtLastStart = -1;

	private passing = false;

	private readonly waiting: Array<() => void> = [];

	constructor(private readonly requestsPerSecond = 0) {}

	async beforeRequest(): Promise<void> {
		if (this.requestsPerSecond > 0) {
			const now = Date.now();
			const start = Math.max(now, this.nextStart);
			this.nextStart = start + 1000 / this.requestsPerSecond;
			if (start > now) await sleep(start - now);
		}
		if (this.waiting.length === 0 && this.isNewTurn()) {
			this.started();
			return;
		}
		const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
		if (!this.passing) void this.passTurns();
		await turn;
	}

	/**
	 * The loop has waited for I/O since the last start, so that request's connection has been
	 * handled. (Idle time grows only while the loop waits.)
	 */
	private isNewTurn(): boolean {
		return performance.eventLoopUtilization().idle !== this.idleAtLastStart;
	}

	private started(): void {
		this.idleAtLastStart = performance.eventLoopUtilization().idle;
	}

	/** lets the waiting requests start one per turn */
	private async passTurns(): Promise<void> {
		this.passing = true;
		while (this.waiting.length > 0) {
			await sleep(0);
			this.started();
			this.waiting.shift()?.();
		}
		this.passing = false;
	}
}

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
// The provider says it did not process the request and asks to come back later.
const RETRYABLE_STATUSES = new Set([429, 503]);

export interface SendRequest {
	ctx: IExecuteFunctions;
	credentialType: string;
	/** built anew for every try, so a multipart body is never replayed from a used stream */
	build: () => IHttpRequestOptions | Promise<IHttpRequestOptions>;
	policy: RequestPolicy;
	/** send with these credential values instead of the stored ones */
	credentialsDecrypted?: ICredentialsDecrypted;
}

/**
 * Sends one request through n8n's authenticated request helper and returns the provider's
 * answer whatever its HTTP status. Retries only what certainly did not send anything.
 */
export async function sendToProvider(request: SendRequest): Promise<ProviderAnswer> {
	const { ctx, credentialType, build, policy, credentialsDecrypted } = request;
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
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				options,
				credentialsDecrypted ? { credentialsDecrypted } : undefined,
			)) as IN8nHttpFullResponse;
			answer = toAnswer(response);
		} catch (error) {
			const failure = describeConnectionError(error);
			// Not a network failure (for example a failed token request): not ours to retry.
			if (!failure) throw new NodeApiError(ctx.getNode(), error as JsonObject);
			if (failure.mayHaveBeenSent || isLastTry) throw failure;
			await sleep(backoffDelay(attempt, policy));
			continue;
		}
		if (!RETRYABLE_STATUSES.has(answer.statusCode) || isLastTry) return answer;
		await sleep(
			retryAfterDelay(answer.headers['retry-after'], policy) ?? backoffDelay(attempt, policy),
		);
	}
}

export function toAnswer(response: IN8nHttpFullResponse): ProviderAnswer {
	const body = response.body as unknown;
	const text =
		typeof body === 'string'
			? body
			: Buffer.isBuffer(body)
				? body.toString('utf8')
				: JSON.stringify(body ?? '');
	return {
		statusCode: response.statusCode,
		headers: response.headers ?? {},
		text,
		json: parseJson(text),
	};
}

export function parseJson(text: string): unknown {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return undefined;
	}
}

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

/** A short, safe excerpt of a body that is not what the provider normally sends. */
export function describeUnexpectedBody(answer: ProviderAnswer): string {
	const text = answer.text.trim();
	if (text === '') return 'an empty body';
	if (/^<(!doctype|html)/i.test(text)) {
		const title = /<title>([^<]{0,120})<\/title>/i.exec(text)?.[1]?.trim();
		return `an HTML page${title ? ` ("${title}")` : ''}`;
	}
	return `"${text.slice(0, 120)}${text.length > 120 ? '…' : ''}"`;
}
