import type { FormField } from './formFields';

/** What the answer page asks, read from the node's parameters when the link is opened. */
export interface AnswerForm {
	responseType: 'approval' | 'freeText' | 'customForm';
	title: string;
	description: string;
	/** the submit button of the text and form pages */
	buttonLabel: string;
	approveLabel: string;
	/** absent when the person can only approve */
	declineLabel?: string;
	fields: FormField[];
}

const ESCAPED: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Everything the page prints goes through this: the message and labels are the workflow's data. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => ESCAPED[character]);
}

const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

const STYLE = `body{font-family:system-ui,-apple-system,sans-serif;background:#f2f4f5;margin:0;padding:24px;color:#1f2328}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 12px}p{line-height:1.5}label{display:block;font-weight:600;margin:16px 0 6px}
input,select,textarea{width:100%;box-sizing:border-box;padding:8px;font:inherit;border:1px solid #c9ced3;border-radius:6px}
input[type=checkbox],input[type=radio]{width:auto;margin-right:6px}.choice{font-weight:400;margin:4px 0}
.buttons{display:flex;gap:12px;margin-top:24px}button{flex:1;padding:12px;font:inherit;font-weight:600;border-radius:8px;border:1px solid #25d366;background:#25d366;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f2328;border-color:#c9ced3}.problem{color:#b42318;font-weight:600}`;

function page(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function fieldHtml(field: FormField, index: number): string {
	const name = `field-${index}`;
	const required = field.required ? ' required' : '';
	const label = `<label for="${name}">${escapeHtml(field.label)}${field.required ? ' *' : ''}</label>`;
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	switch (field.type) {
		case 'hiddenField':
			return ''; // its value comes from the workflow, never from the page
		case 'textarea':
			return `${label}<textarea id="${name}" name="${name}" rows="4"${placeholder}${required}></textarea>`;
		case 'dropdown': {
			const options = field.choices
				.map((choice) => `<option value="${escapeHtml(choice)}">${escapeHtml(choice)}</option>`)
				.join('');
			const empty = field.multiple ? '' : '<option value=""></option>';
			return `${label}<select id="${name}" name="${name}"${field.multiple ? ' multiple' : ''}${required}>${empty}${options}</select>`;
		}
		case 'checkbox':
		case 'radio': {
			const choices = field.choices
				.map(
					(choice, choiceIndex) =>
						`<label class="choice"><input type="${field.type}" name="${name}" value="${escapeHtml(choice)}"${field.type === 'radio' && field.required && choiceIndex === 0 ? ' required' : ''}>${escapeHtml(choice)}</label>`,
				)
				.join('');
			return `<fieldset style="border:0;padding:0;margin:0">${label}${choices}</fieldset>`;
		}
		default: {
			const type = field.type === 'text' ? 'text' : field.type;
			const step = field.type === 'number' ? ' step="any"' : '';
			return `${label}<input id="${name}" type="${type}" name="${name}"${step}${placeholder}${required}>`;
		}
	}
}

/**
 * The page the answer link opens. Its form posts back to the very URL it was served from (no
 * `action`): the signed link, query included, is what n8n checks.
 */
export function answerPage(form: AnswerForm, problem?: string): string {
	const title =
		form.title ||
		(form.responseType === 'approval' ? 'Approval requested' : 'Your answer is requested');
	const intro = `<h1>${escapeHtml(title)}</h1>${form.description ? `<p>${multiline(form.description)}</p>` : ''}${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}`;
	let inputs = '';
	let buttons: string;
	if (form.responseType === 'approval') {
		const decline = form.declineLabel
			? `<button type="submit" name="approved" value="false" class="secondary">${escapeHtml(form.declineLabel)}</button>`
			: '';
		buttons = `${decline}<button type="submit" name="approved" value="true">${escapeHtml(form.approveLabel)}</button>`;
	} else {
		inputs =
			form.responseType === 'freeText'
				? '<label for="text">Response</label><textarea id="text" name="text" rows="5" required></textarea>'
				: form.fields.map(fieldHtml).join('');
		buttons = `<button type="submit">${escapeHtml(form.buttonLabel)}</button>`;
	}
	return page(
		title,
		`${intro}<form method="post" enctype="multipart/form-data">${inputs}<div class="buttons">${buttons}</div></form>`,
	);
}

/** Shown once an answer has been taken; n8n itself answers any later visit to the link. */
export function answerRecordedPage(): string {
	return page(
		'Answer recorded',
		'<h1>Got it, thanks</h1><p>Your answer has been recorded. This page can be closed now.</p>',
	);
}

/** When the node's form settings cannot be read (the workflow's log says why). */
export function unavailablePage(): string {
	return page(
		'Page not available',
		'<h1>This page is not available</h1><p>The form cannot be shown. Please tell the person who sent you the link.</p>',
	);
}
