import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { guardOptionFields } from './guard';

/**
 * The webhook both triggers declare. The answer is returned from webhook() and sent by n8n
 * once the execution exists (responseData '' stops n8n from answering "firstEntryJson").
 */
export const callbackWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'callback',
};

/** No provider has an API for callback URLs: the user pastes the URL, so there is nothing to register. */
export const pastedUrlWebhookMethods = {
	default: {
		async checkExists(): Promise<boolean> {
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};

export function guardOptionsCollection(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: guardOptionFields,
	};
}

export function statusFilterField(statuses: string[], description: string): INodeProperties {
	return {
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: statuses.map((status) => ({
			name: status[0].toUpperCase() + status.slice(1),
			value: status,
		})),
		default: [],
		description,
	};
}

/** Lower-cased text of a field, or undefined when it is missing or not text. */
export function lowerText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim().toLowerCase();
	if (typeof value === 'number') return String(value);
	return undefined;
}
