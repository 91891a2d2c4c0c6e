// The Send and Wait answer page and how a submitted form becomes the node's output: pure
// functions, checked here in milliseconds; the whole round trip runs in a real n8n in
// test/e2e/sendAndWait.e2e.ts.
import { readAnswer, readAnswerForm } from '../../nodes/shared/sendAndWait/answer';
import { toFormFields } from '../../nodes/shared/sendAndWait/formFields';
import { answerPage } from '../../nodes/shared/sendAndWait/page';

const HOSTILE = `<script>alert('x')</script>"&`;

const formOf = (parameters: Record<string, unknown>) =>
	readAnswerForm((name, fallback) => {
		const value = name
			.split('.')
			.reduce<any>((object, key) => (object === undefined ? undefined : object[key]), parameters);
		return value === undefined ? fallback : value;
	});

test('everything the workflow wrote into the page is escaped', () => {
	const html = answerPage(
		formOf({
			message: HOSTILE,
			responseType: 'customForm',
			options: { responseFormTitle: HOSTILE, responseFormButtonLabel: HOSTILE },
			formFields: {
				values: [
					{ fieldLabel: HOSTILE, fieldType: 'text', placeholder: HOSTILE },
					{
						fieldLabel: 'Pick',
						fieldType: 'dropdown',
						fieldOptions: { values: [{ option: HOSTILE }] },
					},
				],
			},
		}),
		HOSTILE,
	);
	expect(html).not.toContain('<script>');
	expect(html).not.toContain("alert('x')");
	expect(html.split('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;').length - 1).toBe(
		9, // title, heading, message, problem, label, placeholder, option value and text, button
	);
});

test('approval: both buttons only with Approve and Disapprove; nothing else is an answer', () => {
	const single = formOf({ message: 'Pay?' });
	expect(answerPage(single)).not.toContain('value="false"');
	expect(readAnswer(single, { approved: 'true' })).toEqual({ data: { approved: true } });
	expect(readAnswer(single, { approved: 'false' })).toHaveProperty('problem');
	expect(readAnswer(single, {})).toHaveProperty('problem');
	const double = formOf({ approvalOptions: { values: { approvalType: 'double' } } });
	expect(readAnswer(double, { approved: 'false' })).toEqual({ data: { approved: false } });
	expect(readAnswer(double, { approved: 'yes' })).toHaveProperty('problem');
});

test('custom form: typed answers, required fields, options only from the list, hidden values from the workflow', () => {
	const form = formOf({
		responseType: 'customForm',
		defineForm: 'json',
		jsonOutput: JSON.stringify([
			{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
			{ fieldLabel: 'Colour', fieldType: 'radio', fieldOptions: { values: [{ option: 'Red' }] } },
			{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'wa' },
		]),
	});
	expect(readAnswer(form, { 'field-0': '12.5', 'field-1': 'Red', 'field-2': 'forged' })).toEqual({
		data: { Amount: 12.5, Colour: 'Red', source: 'wa' },
	});
	expect(readAnswer(form, { 'field-1': 'Red' })).toEqual({ problem: '"Amount" is required' });
	expect(readAnswer(form, { 'field-0': 'ten' })).toEqual({ problem: '"Amount" is not a number' });
	expect(readAnswer(form, { 'field-0': '1', 'field-1': 'Blue' })).toHaveProperty('problem');
});

test('a form that cannot be shown is refused with a sentence that says why', () => {
	expect(() => toFormFields('[{')).toThrow('The form fields are not valid JSON');
	expect(() => toFormFields([])).toThrow(/no fields/);
	expect(() => toFormFields([{ fieldLabel: 'CV', fieldType: 'file' }])).toThrow(
		/type "file", which the answer page cannot show/,
	);
	expect(() => toFormFields([{ fieldLabel: 'Pick', fieldType: 'dropdown' }])).toThrow(
		/needs at least one option/,
	);
});
