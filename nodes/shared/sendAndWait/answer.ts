import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readFieldAnswer, toFormFields } from './formFields';
import type { AnswerForm } from './page';
import { answerPage, answerRecordedPage, unavailablePage } from './page';

/** Reads one node parameter (execute and webhook contexts take their arguments differently). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** What the answer page asks, from the node's parameters; throws when the form cannot be shown. */
export function readAnswerForm(parameter: ParameterReader): AnswerForm {
	const responseType = String(parameter('responseType', 'approval')) as AnswerForm['responseType'];
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const approval = (parameter('approvalOptions.values', {}) ?? {}) as IDataObject;
	const message = String(parameter('message', '') ?? '').trim();
	let fields: AnswerForm['fields'] = [];
	if (responseType === 'customForm') {
		const json = parameter('defineForm', 'fields') === 'json';
		fields = toFormFields(
			json ? parameter('jsonOutput', '[]') : parameter('formFields.values', []),
		);
	}
	return {
		responseType,
		title: String(options.responseFormTitle ?? ''),
		description: String(options.responseFormDescription || message),
		buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
		approveLabel: String(approval.approveLabel || '✓ Approve'),
		declineLabel:
			approval.approvalType === 'double'
				? String(approval.disapproveLabel || '✗ Decline')
				: undefined,
		fields,
	};
}

/** The answer as n8n's own send-and-wait nodes put it out (without respondedAt), or a problem. */
export function readAnswer(
	form: AnswerForm,
	submitted: IDataObject,
): { data: IDataObject } | { problem: string } {
	if (form.responseType === 'approval') {
		const approved = String(submitted.approved ?? '');
		if (approved === 'true') return { data: { approved: true } };
		if (approved === 'false' && form.declineLabel) return { data: { approved: false } };
		return { problem: 'Choose one of the buttons below' };
	}
	if (form.responseType === 'freeText') {
		const text = String(submitted.text ?? '').trim();
		return text ? { data: { text } } : { problem: 'Write a response before submitting' };
	}
	const data: IDataObject = {};
	for (const [index, field] of form.fields.entries()) {
		const answer = readFieldAnswer(field, submitted[`field-${index}`]);
		if ('error' in answer) return { problem: answer.error };
		data[field.key] = answer.value as IDataObject[string];
	}
	return { data };
}

function show(ctx: IWebhookFunctions, status: number, html: string) {
	const response = ctx.getResponseObject();
	response.status(status);
	response.setHeader('Content-Type', 'text/html; charset=utf-8');
	// the link is a capability: keep it out of caches, search engines and Referer headers
	response.setHeader('Cache-Control', 'no-store');
	response.setHeader('X-Robots-Tag', 'noindex');
	response.setHeader('Referrer-Policy', 'no-referrer');
	response.end(html);
}

/** n8n parses the page's multipart post into { data, files }; a plain form post is the fields. */
function submittedFields(body: IDataObject): IDataObject {
	const data = body?.data;
	return data && typeof data === 'object' && !Array.isArray(data)
		? (data as IDataObject)
		: (body ?? {});
}

/**
 * The node's webhook(): n8n calls it only for a request to the signed answer link (it refuses a
 * missing or altered signature with 401 before). Opening the link (GET, also link previews and
 * other prefetchers) only shows the page; submitting it (POST) resumes the execution with the
 * answer. A submission that is not complete, or not sent as the page sends it, shows the page
 * again and keeps the execution waiting.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let form: AnswerForm;
	try {
		form = readAnswerForm((name, fallback) => this.getNodeParameter(name, fallback));
	} catch (error) {
		this.logger.error(
			`Send and Wait: the answer page cannot be shown: ${(error as Error).message}`,
		);
		show(this, 500, unavailablePage());
		return { noWebhookResponse: true };
	}
	if (this.getRequestObject().method !== 'POST') {
		show(this, 200, answerPage(form));
		return { noWebhookResponse: true };
	}
	// the page posts multipart; anything else did not come from it (n8n 2.x refuses it with 415
	// itself for a custom form, before this runs)
	if (!String(this.getHeaderData()['content-type'] ?? '').startsWith('multipart/form-data')) {
		show(this, 415, answerPage(form, 'Send your answer with the form below'));
		return { noWebhookResponse: true };
	}
	const answer = readAnswer(form, submittedFields(this.getBodyData()));
	if ('problem' in answer) {
		show(this, 400, answerPage(form, answer.problem));
		return { noWebhookResponse: true };
	}
	show(this, 200, answerRecordedPage());
	// respondedAt last, so a form field of that name cannot replace the time of the answer
	const data = { ...answer.data, respondedAt: new Date().toISOString() };
	return { noWebhookResponse: true, workflowData: [[{ json: { data } }]] };
}
