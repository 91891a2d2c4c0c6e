import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { WappinTransport } from '../../transport';
import { itemParameter } from '../../../shared/itemParameter';

export const getStatus: ItemOperation<WappinTransport> = {
	description: showFor('message', 'getStatus', [
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 5bc83037c79f5',
			description:
				'The message_id that a Wappin send returned: drag it in from the send node’s output',
		},
	]),

	async prepare(this: IExecuteFunctions, itemIndex) {
		const messageId = String(itemParameter(this, 'messageId', itemIndex)).trim();
		if (!messageId)
			throw new NodeOperationError(this.getNode(), 'The message ID is empty', { itemIndex });
		return {
			send: async (transport) => {
				const answer = await transport.call(itemIndex, {
					path: '/v1/message/inquiry',
					fields: { message_id: messageId },
					identifyProject: false,
					notFound:
						'Wappin has no message with this ID. Check that it is the message_id returned by a send of this project.',
				});
				return withReadableTimes(answer);
			},
		};
	},
};

/** Adds ISO-8601 times beside Wappin's Unix-second strings, and the latest status. */
function withReadableTimes(answer: IDataObject): IDataObject {
	const history = (Array.isArray(answer.data) ? answer.data : []) as IDataObject[];
	const data: IDataObject[] = history.map((entry) => ({
		...entry,
		time: unixSecondsToIso(entry.timestamp),
	}));
	const latest = data.reduce<IDataObject | undefined>(
		(newest, entry) =>
			!newest || Number(entry.timestamp) >= Number(newest.timestamp) ? entry : newest,
		undefined,
	);
	return {
		...answer,
		data,
		latest_status: latest?.status ?? null,
		latest_status_time: latest?.time ?? null,
	};
}

function unixSecondsToIso(value: unknown): string | null {
	const seconds = Number(value);
	return value !== '' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}
