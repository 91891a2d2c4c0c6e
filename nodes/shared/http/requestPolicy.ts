import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RequestPacer } from './pacer';

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

const DEFAULTS = {
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
		displayName: 'Attempts per Request',
		name: 'maxTries',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 4,
		description:
			'How many times one request is sent when the provider answers 429 or 503 or cannot be reached, cases where nothing was sent. Separate from the node setting Retry On Fail, which reruns the whole node.',
	},
];

/** The request options of one node run (read once, from the first item). */
export function readRequestPolicy(ctx: IExecuteFunctions): RequestPolicy {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const timeoutSeconds = Number(options.timeoutSeconds ?? DEFAULT_TIMEOUT_MS / 1000);
	const maxTries = Math.floor(Number(options.maxTries ?? DEFAULTS.maxTries));
	const requestsPerSecond = Number(options.requestsPerSecond ?? 0);
	const rate = Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 0;
	return {
		...DEFAULTS,
		timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
		maxTries: maxTries >= 1 ? maxTries : DEFAULTS.maxTries,
		pacer: new RequestPacer(rate),
	};
}
