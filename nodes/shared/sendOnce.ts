import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sentNothing } from './http/sendToProvider';
import type { PreparedItem } from './itemRunner';
import { askStoreOnceMoreIfRaced } from './processedStore';

/**
 * Send Once: an item whose key this node already sent is not sent again, in this or any later
 * execution, on any worker. Keys live in n8n's deduplication store (the `processed_data` table,
 * md5 hashes per workflow and node). The store has no lock, so it is asked once per node run:
 * every key of the run is recorded before the first send, and at the end the keys of items that
 * certainly sent nothing (a provider error code, refused connection, never started) are taken
 * back, so a re-run sends them. A send that may have arrived (time-out, HTTP 5xx, reset) stays.
 */

export const SEND_ONCE_HISTORY = 100_000;

const SCOPE = 'node';
const STORE = { mode: 'entries', maxEntries: SEND_ONCE_HISTORY } as const;

/** For the `options` collection of every send operation (not the look-ups: Get, Get Status, Delete). */
const NOT_SENDS = ['getStatus', 'get', 'delete'];

export const sendOnceOptionFields: INodeProperties[] = [
	{
		displayName: 'Send Once',
		name: 'sendOnce',
		type: 'boolean',
		default: false,
		description:
			'Whether to skip items this node has already sent, in this or any earlier execution, so a retried or repeated run never messages anyone twice. Skipped items come out as { skipped: true, reason }.',
		displayOptions: { hide: { '/operation': NOT_SENDS } },
	},
	{
		displayName: 'Send Once Key',
		name: 'sendOnceKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.invoice_id }}',
		description:
			'What counts as the same send. Leave empty for the recipient and the content of the message; use e.g. an invoice ID to send once per invoice whatever the number.',
		displayOptions: { show: { sendOnce: [true] }, hide: { '/operation': NOT_SENDS } },
	},
];

export function readSendOnce(options: IDataObject): boolean {
	return options.sendOnce === true;
}

export type ItemOutcome = { json: IDataObject } | { error: Error };

export interface SendOncePlan {
	/** per item: what to send, or its outcome when it is not sent (skipped, or could not be read) */
	items: Array<{ prepared: PreparedItem } | { outcome: ItemOutcome }>;
	/** once, at the end: takes back the keys of the items that sent nothing */
	release(outcomes: Array<ItemOutcome | undefined>): Promise<void>;
}

/** Reads every item, checks and records their keys in one call, and says which to send. */
export async function planSendOnce(
	ctx: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => Promise<PreparedItem>,
	fail: (itemIndex: number, caught: unknown) => ItemOutcome,
	continueOnFail: boolean,
): Promise<SendOncePlan> {
	const items: SendOncePlan['items'] = new Array(itemCount);
	const keys: Array<string | undefined> = new Array(itemCount);
	const firstWithKey = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const prepared = await prepare(itemIndex);
			items[itemIndex] = { prepared };
			if (prepared.sameMessage === undefined) continue; // a look-up, not a send
			const key = keyOf(ctx, itemIndex, prepared.sameMessage);
			const earlier = firstWithKey.get(key);
			if (earlier === undefined) {
				firstWithKey.set(key, itemIndex);
				keys[itemIndex] = key;
			} else {
				items[itemIndex] = { outcome: { json: skipped(key, earlier) } };
			}
		} catch (caught) {
			const outcome = fail(itemIndex, caught);
			// nothing has been recorded or sent yet: stop before anyone is messaged
			if (!continueOnFail) throw (outcome as { error: Error }).error;
			items[itemIndex] = { outcome };
		}
	}

	const candidates = [...firstWithKey.keys()];
	const answer = candidates.length
		? await askStoreOnceMoreIfRaced(
				async () => await ctx.helpers.checkProcessedAndRecord(candidates, SCOPE, STORE),
			)
		: { new: [], processed: [] };
	const sentBefore = new Set(answer.processed.map(String));
	keys.forEach((key, itemIndex) => {
		if (key !== undefined && sentBefore.has(key)) {
			items[itemIndex] = { outcome: { json: skipped(key) } };
			keys[itemIndex] = undefined; // not this run's to take back
		}
	});

	return {
		items,
		async release(outcomes) {
			const takeBack = keys.filter((key, itemIndex): key is string => {
				if (key === undefined) return false;
				const outcome = outcomes[itemIndex];
				return outcome === undefined || ('error' in outcome && sentNothing(outcome.error));
			});
			if (takeBack.length) await ctx.helpers.removeProcessed(takeBack, SCOPE, STORE);
		},
	};
}

function keyOf(ctx: IExecuteFunctions, itemIndex: number, sameMessage: unknown): string {
	const custom = ctx.getNodeParameter('options.sendOnceKey', itemIndex, '') as unknown;
	const text = custom === undefined || custom === null ? '' : String(custom).trim();
	return text ? `key:${text}` : `message:${JSON.stringify(sameMessage)}`;
}

function skipped(key: string, sameAsItem?: number): IDataObject {
	return sameAsItem === undefined
		? {
				skipped: true,
				reason:
					'Send Once: this node already sent this in an earlier execution (n8n keeps only a hash of the key, so nothing else is known of that send)',
				send_once_key: key,
			}
		: {
				skipped: true,
				reason: `Send Once: item ${sameAsItem} of this run has the same key and is sent instead`,
				send_once_key: key,
				same_as_item: sameAsItem,
			};
}
