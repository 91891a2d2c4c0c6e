import type { ItemOperation } from '../../../shared/operation';
import { showFor } from '../../../shared/operation';
import type { OyTransport } from '../../transport';
import { createdOutput, newPartnerTxId, paymentFields, readPaymentBody } from './fields';

export const CREATE_ADVICE = {
	mayHaveBeenSent:
		'Check in the OY! dashboard (or with Get) whether the link was made before creating it again.',
};

export const create: ItemOperation<OyTransport> = {
	description: showFor('paymentLink', 'create', paymentFields),

	async prepare(this, itemIndex) {
		const body = readPaymentBody(this, itemIndex);
		const partnerTxId = (body.partner_tx_id as string | undefined) ?? newPartnerTxId();
		return {
			// the same item makes the same link, whatever ID a re-run would make up
			sameMessage: body,
			send: async (transport) => {
				const answer = await transport.request(
					itemIndex,
					{
						method: 'POST',
						path: '/api/payment-checkout/create-v2',
						body: { ...body, partner_tx_id: partnerTxId },
					},
					CREATE_ADVICE,
				);
				return createdOutput(answer, partnerTxId);
			},
		};
	},
};
