import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { OyTransport } from '../../transport';
import { linkPath, paymentLinkIdField, readLinkId } from './linkId';

export const deleteLink: ItemOperation<OyTransport> = {
	description: showFor('paymentLink', 'delete', [
		paymentLinkIdField(
			'The payment_link_id or partner transaction ID. OY! deletes only links nobody has started paying.',
		),
	]),

	async prepare(this, itemIndex) {
		const id = readLinkId(this, itemIndex, 'paymentLinkId');
		return {
			send: async (transport) => {
				const answer = await transport.request(
					itemIndex,
					{ method: 'DELETE', path: linkPath(id) },
					{
						mayHaveBeenSent: 'Check with Get whether the link is closed before deleting it again.',
					},
				);
				return { payment_link_id: id, ...answer };
			},
		};
	},
};
