import type { INodeProperties } from 'n8n-workflow';

import { requestOptionFields } from './http/requestPolicy';
import { bulkOptionFields } from './itemRunner';
import { sendOnceOptionFields } from './sendOnce';

/**
 * The `options` collection of an action node: what both nodes share (bulk, requests, Send Once)
 * and the node's own options, listed alphabetically as n8n lists them.
 */
export function actionOptionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...bulkOptionFields, ...requestOptionFields, ...sendOnceOptionFields, ...own].sort(
			(a, b) => a.displayName.localeCompare(b.displayName),
		),
	};
}
