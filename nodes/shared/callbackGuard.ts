import { createHash, timingSafeEqual } from 'node:crypto';
import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/**
 * The one guard both triggers share. Neither provider signs its callbacks, so a callback is
 * accepted only from an allowed address and with the configured secret; a repeated callback
 * (providers retry, networks duplicate) is acknowledged without starting a second execution.
 */

export const guardOptionFields: INodeProperties[] = [
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'When set, a callback must carry it as the query parameter "secret" (add ?secret=… to the URL you give the provider) or in the header X-Callback-Secret. Others are refused with 401.',
	},
	{
		displayName: 'Allowed IPs',
		name: 'allowedIps',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10, 198.51.100.0/24, 2001:db8::/32',
		description:
			'Comma-separated IP addresses and CIDR ranges the provider calls from. Others are refused with 403. Leave empty to accept any address. Behind a reverse proxy, set N8N_PROXY_HOPS so n8n sees the real address.',
	},
];

export interface CallbackEvent {
	/** provider's fields as received, plus event, status and received_at */
	item: IDataObject;
	/** what makes two callbacks "the same" for folding */
	dedupeKey: string;
}

export interface GuardSpec {
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

	const secret = String(options.secret ?? '');
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
	const seenBefore = recentCallbacks(ctx).checkAndAdd(parsed.dedupeKey);
	if (seenBefore) return { webhookResponse: spec.acknowledgement };
	return { workflowData: [[{ json: parsed.item }]], webhookResponse: spec.acknowledgement };
}

const MAX_UNPARSED_BODY_BYTES = 1024 * 1024;

/**
 * The parsed body; n8n leaves a body without a JSON, text or form content type unread for
 * trigger versions above 1, so such a body is read and parsed as JSON here.
 */
async function readBody(ctx: IWebhookFunctions): Promise<unknown> {
	const body = ctx.getBodyData() as unknown;
	const request = ctx.getRequestObject();
	const unread = request.readable === true && !request.readableEnded;
	if (
		!unread ||
		(body !== undefined && !(typeof body === 'object' && body && Object.keys(body).length === 0))
	)
		return body;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_UNPARSED_BODY_BYTES) return undefined;
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
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

// ------------------------------------------------------------------ repeated callbacks

const REMEMBERED_CALLBACKS = 10_000;
const REMEMBER_FOR_MS = 24 * 3600 * 1000;

/** Keys seen recently, oldest first; bounded in count and age. */
class RecentKeys {
	private readonly seen = new Map<string, number>();

	checkAndAdd(key: string): boolean {
		const now = Date.now();
		const at = this.seen.get(key);
		if (at !== undefined && now - at < REMEMBER_FOR_MS) return true;
		this.seen.delete(key);
		this.seen.set(key, now);
		while (this.seen.size > REMEMBERED_CALLBACKS) {
			this.seen.delete(this.seen.keys().next().value as string);
		}
		return false;
	}
}

// One memory per trigger node; a bounded number of nodes, oldest forgotten first.
const memories = new Map<string, RecentKeys>();
const REMEMBERED_NODES = 500;

function recentCallbacks(ctx: IWebhookFunctions): RecentKeys {
	const node = ctx.getNode();
	const key = `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	let memory = memories.get(key);
	if (!memory) {
		memory = new RecentKeys();
		memories.set(key, memory);
		if (memories.size > REMEMBERED_NODES) memories.delete(memories.keys().next().value as string);
	}
	return memory;
}

// ------------------------------------------------------------------ IP allow-list

interface AddressRange {
	contains(ip: string): boolean;
}

/** Parses "ip, ip/prefix, …"; undefined when any entry is not valid (the guard then refuses all). */
export function parseAllowList(list: string): AddressRange[] | undefined {
	const ranges: AddressRange[] = [];
	for (const entry of list
		.split(',')
		.map((e) => e.trim())
		.filter(Boolean)) {
		const [address, prefixText] = entry.split('/');
		const bytes = addressBytes(address);
		if (!bytes) return undefined;
		const bits = bytes.length * 8;
		const prefix = prefixText === undefined ? bits : Number(prefixText);
		if (
			!Number.isInteger(prefix) ||
			prefix < 0 ||
			prefix > bits ||
			(prefixText !== undefined && !/^\d+$/.test(prefixText))
		) {
			return undefined;
		}
		ranges.push({
			contains: (ip) => {
				const candidate = addressBytes(ip);
				return (
					candidate !== undefined &&
					candidate.length === bytes.length &&
					samePrefix(candidate, bytes, prefix)
				);
			},
		});
	}
	return ranges;
}

function samePrefix(a: number[], b: number[], prefix: number): boolean {
	for (let bit = 0; bit < prefix; bit += 8) {
		const width = Math.min(8, prefix - bit);
		const mask = (0xff << (8 - width)) & 0xff;
		if ((a[bit / 8] & mask) !== (b[bit / 8] & mask)) return false;
	}
	return true;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (::ffff:1.2.3.4) counts as IPv4. */
function addressBytes(raw: string): number[] | undefined {
	const ip = raw
		.trim()
		.replace(/^\[|\]$/g, '')
		.replace(/%.*$/, '');
	if (IPV4.test(ip)) return ip.split('.').map(Number);
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
	if (mapped) return addressBytes(mapped[1]);
	const halves = ip.split('::');
	if (halves.length > 2) return undefined;
	const words = (part: string): number[] | undefined => {
		if (part === '') return [];
		const out: number[] = [];
		for (const group of part.split(':')) {
			if (!HEX_GROUP.test(group)) return undefined;
			out.push(parseInt(group, 16));
		}
		return out;
	};
	const head = words(halves[0]);
	const tail = halves.length === 2 ? words(halves[1]) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	return [...head, ...new Array<number>(missing).fill(0), ...tail].flatMap((w) => [
		w >> 8,
		w & 0xff,
	]);
}
