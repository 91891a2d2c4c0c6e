import { createHash, timingSafeEqual } from 'node:crypto';
import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseAllowList } from './addressRanges';
import { readBody } from './callbackBody';
import { isRepeatedCallback } from './recentCallbacks';

/**
 * The one guard both triggers share. Neither provider signs its callbacks, so a callback is
 * accepted only from an allowed address and with the configured secret; a repeated callback
 * (providers retry, networks duplicate) is acknowledged without starting a second execution.
 */

export const secretOptionField: INodeProperties = {
	displayName: 'Secret',
	name: 'secret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'When set, a callback must carry it as the query parameter "secret" (add ?secret=… to the URL you give the provider) or in the header X-Callback-Secret. Others are refused with 401. Stored in the workflow: newer versions of this trigger keep it in a credential.',
};

export const allowedIpsOptionField: INodeProperties = {
	displayName: 'Allowed IPs',
	name: 'allowedIps',
	type: 'string',
	default: '',
	placeholder: 'e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32',
	description:
		'Comma-separated IP addresses and CIDR ranges the provider calls from. Others are refused with 403. Leave empty to accept any address. Behind a reverse proxy, set N8N_PROXY_HOPS so n8n sees the real address.',
};

export interface CallbackEvent {
	/** provider's fields as received, plus event, status and received_at */
	item: IDataObject;
	/** what makes two callbacks "the same" for folding */
	dedupeKey: string;
}

export interface GuardSpec {
	/** the credential that holds the secret, from the trigger version that reads it there */
	credentialType: string;
	/** answer for accepted, filtered and repeated callbacks */
	acknowledgement: IDataObject;
	/** turns a body into an event, or a sentence saying why it is not a callback */
	parse(body: IDataObject): CallbackEvent | string;
	/** whether the user's filters let this event start the workflow */
	wanted(item: IDataObject): boolean;
}

export async function guardCallback(
	ctx: IWebhookFunctions,
	spec: GuardSpec,
): Promise<IWebhookResponseData> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const request = ctx.getRequestObject();
	const refuse = (status: number, message: string): IWebhookResponseData => {
		ctx
			.getResponseObject()
			.status(status)
			.json({ status: String(status), message });
		return { noWebhookResponse: true };
	};

	const allowedIps = String(options.allowedIps ?? '').trim();
	if (allowedIps) {
		const ranges = parseAllowList(allowedIps);
		if (!ranges)
			return refuse(
				403,
				'The trigger\'s "Allowed IPs" setting is not valid; no callback is accepted',
			);
		if (!ranges.some((range) => range.contains(request.ip ?? '')))
			return refuse(403, 'Address not allowed');
	}

	const given =
		firstString((ctx.getQueryData() as IDataObject).secret) ??
		firstString(ctx.getHeaderData()['x-callback-secret']);
	const accepted = await secretAccepted(ctx, spec.credentialType, options, given);
	if (accepted === undefined) return refuse(401, 'The callback secret is not set up');
	if (!accepted) return refuse(401, 'Missing or wrong secret');

	const body = await readBody(ctx);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return refuse(400, 'The body is not a JSON object');
	}
	const parsed = spec.parse(body as IDataObject);
	if (typeof parsed === 'string') return refuse(400, parsed);

	if (!spec.wanted(parsed.item)) return { webhookResponse: spec.acknowledgement };
	if (isRepeatedCallback(ctx, parsed.dedupeKey)) return { webhookResponse: spec.acknowledgement };
	return { workflowData: [[{ json: parsed.item }]], webhookResponse: spec.acknowledgement };
}

/** First version whose secret lives in a credential (`authentication`), not in `options.secret`. */
export const SECRET_IN_CREDENTIAL_VERSION = 2;

/**
 * How long a process keeps using a callback secret it read from its credential. n8n reads a
 * credential for a webhook through an expression sandbox of its own, which costs more than
 * everything else a callback does (bench/callbacks.js: reading it per callback took version 2 to
 * 0.7 × the callbacks per second of version 1.1). A secret that does not match what the process
 * holds is always read again, so a new secret works at once; a replaced or deleted one stops
 * working within this time.
 */
export const SECRET_KEPT_MS = 10_000;
const keptSecrets = new Map<string, { digest: Buffer; until: number }>();
const KEPT_CREDENTIALS = 1_000;

/**
 * Whether the callback carries the secret the trigger expects (true when none is required);
 * undefined when the secret should be read from a credential that is missing, deleted,
 * unreadable or empty (every callback is refused).
 */
async function secretAccepted(
	ctx: IWebhookFunctions,
	credentialType: string,
	options: IDataObject,
	given: string | undefined,
): Promise<boolean | undefined> {
	const node = ctx.getNode();
	if (node.typeVersion < SECRET_IN_CREDENTIAL_VERSION) {
		const secret = String(options.secret ?? '');
		return !secret || matches(given, digest(secret));
	}
	if (ctx.getNodeParameter('authentication', 'callbackSecret') === 'none') return true;
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	const kept = keptSecrets.get(credentialId);
	if (kept && kept.until > Date.now() && matches(given, kept.digest)) return true;
	let problem: string;
	try {
		const secret = String((await ctx.getCredentials(credentialType)).secret ?? '');
		if (secret) {
			const expected = digest(secret);
			if (credentialId) keep(credentialId, expected);
			return matches(given, expected);
		}
		problem = 'its Secret is empty';
	} catch (error) {
		problem = (error as Error).message;
	}
	keptSecrets.delete(credentialId);
	ctx.logger.warn(
		`${node.name}: callback refused with 401 because the ${credentialType} credential cannot be used (${problem}). Select or create the credential in the trigger.`,
	);
	return undefined;
}

function keep(credentialId: string, expected: Buffer) {
	keptSecrets.delete(credentialId);
	keptSecrets.set(credentialId, { digest: expected, until: Date.now() + SECRET_KEPT_MS });
	if (keptSecrets.size > KEPT_CREDENTIALS)
		keptSecrets.delete(keptSecrets.keys().next().value as string);
}

function firstString(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstString(value[0]);
	return typeof value === 'string' ? value : undefined;
}

/** Secrets are compared as SHA-256 digests in constant time: hashing makes the lengths equal. */
const digest = (secret: string) => createHash('sha256').update(secret).digest();
const matches = (given: string | undefined, expected: Buffer) =>
	given !== undefined && timingSafeEqual(digest(given), expected);
