import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { readAnswerForm } from './answer';

/** The answer link, and what a message says before it. */
export interface AnswerLink {
	/** the link signed by n8n; the page it opens posts back to exactly this URL */
	url: string;
	/** the link after the instance's waiting-webhook address (`…/webhook-waiting/`): a template URL button's variable part */
	suffix: string;
	/** e.g. "✓ Approve / ✗ Decline" or "Respond" */
	label: string;
}

/** How a provider sends the message that carries the link; throws as any send does. */
export type SendWithLink = (link: AnswerLink) => Promise<unknown>;

const UNITS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When to stop waiting, from `options.limitWaitTime` (n8n's own rules); checked before sending. */
function waitLimit(ctx: IExecuteFunctions): Date {
	const limit = ctx.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	const until =
		limit.limitType === 'atSpecifiedTime'
			? new Date(String(limit.maxDateAndTime ?? ''))
			: new Date(
					Date.now() +
						Number(limit.resumeAmount ?? 1) * (UNITS[String(limit.resumeUnit)] ?? UNITS.hours),
				);
	if (Number.isNaN(until.getTime())) {
		throw new NodeOperationError(ctx.getNode(), 'Could not configure Limit Wait Time', {
			description: 'The wait limit is not a valid date or time',
			itemIndex: 0,
		});
	}
	return until;
}

/** The page is built when the link is opened: a form that cannot be built fails before sending. */
function readFormOrFail(ctx: IExecuteFunctions) {
	try {
		return readAnswerForm((name, fallback) => ctx.getNodeParameter(name, 0, fallback));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}

function answerLink(ctx: IExecuteFunctions): AnswerLink {
	// n8n 1.x checks the signature only when asked to; 2.x always does and has no such method
	(ctx as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
	const url = ctx.getSignedResumeUrl();
	const executionPart = `/${ctx.getExecutionId()}/`;
	const suffix = url.slice(url.indexOf(executionPart) + 1);
	const form = readFormOrFail(ctx);
	const label =
		form.responseType !== 'approval'
			? String(ctx.getNodeParameter('options.messageButtonLabel', 0, 'Respond') || 'Respond')
			: [form.approveLabel, form.declineLabel].filter(Boolean).join(' / ');
	return { url, suffix, label };
}

/**
 * A send-and-wait operation's execute(), as n8n's own nodes run it: for the first input item,
 * checks the form and the wait limit, sends the message with the signed answer link, and puts the
 * execution to wait. n8n then resumes it with the answer (the node's webhook()) or, at the limit,
 * with the input unchanged. A message that was not sent fails the node before anything waits.
 */
export async function sendAndWait(
	ctx: IExecuteFunctions,
	send: SendWithLink,
): Promise<INodeExecutionData[][]> {
	let waitTill: Date;
	try {
		waitTill = waitLimit(ctx);
		await send(answerLink(ctx));
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(ctx.getNode(), caught as Error, { itemIndex: 0 });
		if (!ctx.continueOnFail()) throw error;
		return [[{ json: { error: error.message }, pairedItem: { item: 0 } }]];
	}
	await ctx.putExecutionToWait(waitTill);
	return [ctx.getInputData()];
}
