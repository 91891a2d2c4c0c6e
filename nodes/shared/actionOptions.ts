import type { INodeProperties } from 'n8n-workflow';

import { requestOptionFields } from './http/requestPolicy';
import { bulkOptionFields } from './itemRunner';
import { sendOnceOptionFields } from './sendOnce';

/** The `options` collection both action nodes share, listed alphabetically as n8n lists them. */
export const actionOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [...bulkOptionFields, ...requestOptionFields, ...sendOnceOptionFields].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};
