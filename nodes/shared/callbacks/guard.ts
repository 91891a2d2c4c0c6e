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

	const secret = await expectedSecret(ctx, spec.credentialType, options);
	if (secret === undefined) return refuse(401, 'The callback secret is not set up');
	if (secret) {
		const query = ctx.getQueryData() as IDataObject;
		const given =
			firstString(query.secret) ?? firstString(ctx.getHeaderData()['x-callback-secret']);
		if (given === undefined || !sameSecret(given, secret))
			return refuse(401, 'Missing or wrong secret');
	}

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
 * The secret a callback must carry: '' when none is required, undefined when it should be read
 * from a credential that is missing, deleted, unreadable or empty (every callback is refused).
 */
async function expectedSecret(
	ctx: IWebhookFunctions,
	credentialType: string,
	options: IDataObject,
): Promise<string | undefined> {
	const node = ctx.getNode();
	if (node.typeVersion < SECRET_IN_CREDENTIAL_VERSION) return String(options.secret ?? '');
	if (ctx.getNodeParameter('authentication', 'callbackSecret') === 'none') return '';
	let problem: string;
	try {
		const secret = String((await ctx.getCredentials(credentialType)).secret ?? '');
		if (secret) return secret;
		problem = 'its Secret is empty';
	} catch (error) {
		problem = (error as Error).message;
	}
	ctx.logger.warn(
		`${node.name}: callback refused with 401 because the ${credentialType} credential cannot be used (${problem}). Select or create the credential in the trigger.`,
	);
	return undefined;
}

function firstString(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstString(value[0]);
	return typeof value === 'string' ? value : undefined;
}

/** Constant-time comparison: hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}
