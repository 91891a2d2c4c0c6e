import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

// The custom form's fields, named as in n8n's Form node (`defineForm`, `formFields.values[]`,
// `jsonOutput`), so a form written for n8n's own send-and-wait nodes works here too.

const FIELD_TYPES = [
	{ name: 'Checkboxes', value: 'checkbox' },
	{ name: 'Date', value: 'date' },
	{ name: 'Dropdown', value: 'dropdown' },
	{ name: 'Email', value: 'email' },
	{ name: 'Hidden Field', value: 'hiddenField' },
	{ name: 'Number', value: 'number' },
	{ name: 'Password', value: 'password' },
	{ name: 'Radio Buttons', value: 'radio' },
	{ name: 'Text Input', value: 'text' },
	{ name: 'Textarea', value: 'textarea' },
];
const WITH_CHOICES = ['dropdown', 'checkbox', 'radio'];

export const formFieldsProperties: INodeProperties[] = [
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default:
			'[\n  {\n    "fieldLabel": "Amount",\n    "fieldType": "number",\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Note",\n    "fieldType": "textarea"\n  }\n]\n',
		hint: "A list of fields as n8n's Form node writes them: fieldLabel, fieldType, requiredField, placeholder, fieldOptions",
		displayOptions: { show: { defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		placeholder: 'Add Form Element',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { defineForm: ['fields'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Element Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: FIELD_TYPES,
					},
					{
						displayName: 'Field Name',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. What is your name?',
						description: 'Label that appears above the input field, and the key of its answer',
						displayOptions: { hide: { fieldType: ['hiddenField'] } },
					},
					{
						displayName: 'Field Name',
						name: 'fieldName',
						type: 'string',
						default: '',
						description: 'The key of the hidden value in the answer',
						displayOptions: { show: { fieldType: ['hiddenField'] } },
					},
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						placeholder: 'Add Field Option',
						type: 'fixedCollection',
						default: { values: [{ option: '' }] },
						typeOptions: { multipleValues: true, sortable: true },
						displayOptions: { show: { fieldType: WITH_CHOICES } },
						options: [
							{
								displayName: 'Values',
								name: 'values',
								values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
							},
						],
					},
					{
						displayName: 'Field Value',
						name: 'fieldValue',
						type: 'string',
						default: '',
						displayOptions: { show: { fieldType: ['hiddenField'] } },
					},
					{
						displayName: 'Multiple Choice',
						name: 'multiselect',
						type: 'boolean',
						default: false,
						description: 'Whether to allow the person to select multiple options',
						displayOptions: { show: { fieldType: ['dropdown'] } },
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
						displayOptions: {
							show: { fieldType: ['text', 'textarea', 'number', 'email', 'password'] },
						},
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether to require the person to enter a value before submitting',
						displayOptions: { hide: { fieldType: ['hiddenField'] } },
					},
				],
			},
		],
	},
];

/** One field of the custom form, checked and ready to render or to read an answer with. */
export interface FormField {
	/** the key of the answer */
	key: string;
	label: string;
	type: string;
	required: boolean;
	placeholder: string;
	choices: string[];
	multiple: boolean;
	/** a hidden field's value */
	value: string;
}

/**
 * The fields as the node's parameters give them (rows of `formFields.values`, or the parsed
 * `jsonOutput`, as JSON text or parsed); throws a sentence a person can act on when a field cannot be shown.
 */
export function toFormFields(rowsOrJson: unknown): FormField[] {
	const rows = typeof rowsOrJson === 'string' ? parseJson(rowsOrJson) : rowsOrJson;
	if (rows === INVALID_JSON) throw new UserError('The form fields are not valid JSON');
	if (!Array.isArray(rows) || rows.length === 0) {
		throw new UserError('The custom form has no fields: add at least one form element');
	}
	const types = FIELD_TYPES.map((type) => type.value);
	return rows.map((row: IDataObject, index) => {
		const type = String(row?.fieldType ?? 'text');
		if (!types.includes(type)) {
			throw new UserError(
				`Form field ${index + 1} has the type "${type}", which the answer page cannot show. Use one of: ${types.join(', ')}.`,
			);
		}
		const label = String(row.fieldLabel ?? '').trim();
		const key = type === 'hiddenField' ? String(row.fieldName ?? '').trim() : label;
		if (!key) throw new UserError(`Form field ${index + 1} has no name`);
		const choiceRows = (row.fieldOptions as { values?: unknown } | undefined)?.values;
		const choices = Array.isArray(choiceRows)
			? choiceRows
					.map((choice: { option?: unknown }) => String(choice?.option ?? ''))
					.filter(Boolean)
			: [];
		if (WITH_CHOICES.includes(type) && choices.length === 0) {
			throw new UserError(`Form field "${key}" needs at least one option`);
		}
		return {
			key,
			label,
			type,
			required: row.requiredField === true,
			placeholder: String(row.placeholder ?? ''),
			choices,
			multiple: type === 'checkbox' || (type === 'dropdown' && row.multiselect === true),
			value: String(row.fieldValue ?? ''),
		};
	});
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return INVALID_JSON;
	}
}

/** One field's answer from the submitted form (`field-<index>`), or an error sentence. */
export function readFieldAnswer(
	field: FormField,
	submitted: unknown,
): { value: unknown } | { error: string } {
	if (field.type === 'hiddenField') return { value: field.value };
	const given = (Array.isArray(submitted) ? submitted : [submitted])
		.filter((value) => value !== undefined && value !== null)
		.map((value) => String(value).trim())
		.filter((value) => value !== '');
	if (given.length === 0) {
		return field.required ? { error: `"${field.label}" is required` } : { value: null };
	}
	if (field.choices.length && given.some((value) => !field.choices.includes(value))) {
		return { error: `"${field.label}" has a value that is not one of its options` };
	}
	if (field.multiple) return { value: given };
	const [value] = given;
	if (field.type === 'number') {
		const number = Number(value);
		return Number.isFinite(number)
			? { value: number }
			: { error: `"${field.label}" is not a number` };
	}
	return { value };
}
