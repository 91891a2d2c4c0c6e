import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { itemParameter } from './itemParameter';

/**
 * WhatsApp numbers as people type them in Indonesia, turned into the `62…` digits both
 * providers expect.
 */

// Indonesian numbers: country code 62, then a national number of 8 to 13 digits that does not
// start with 0 (mobile numbers start with 8).
const INDONESIAN_NUMBER = /^62[1-9]\d{7,12}$/;

export const PHONE_NUMBER_HINT =
	'An Indonesian WhatsApp number, e.g. 0812-3456-7890, +62 812 3456 7890, 62812… or 812…';

export class InvalidPhoneNumberError extends Error {}

/** Returns `62…` digits, or throws an error that shows the value and the expected form. */
export function normalizeWhatsappNumber(value: unknown): string {
	const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const trimmed = raw.trim();
	if (trimmed === '') {
		throw new InvalidPhoneNumberError(
			'The WhatsApp number is empty. Enter a number such as 0812-3456-7890 or +62 812 3456 7890.',
		);
	}
	// Spaces, dashes, dots and brackets are formatting; anything else is a typo.
	const compact = trimmed.replace(/[\s\-.()]/g, '');
	if (!/^\+?\d+$/.test(compact)) {
		throw invalid(
			raw,
			'it contains characters other than digits, spaces, dashes, dots, brackets and a leading +',
		);
	}
	let digits = compact.replace(/^\+/, '');
	if (compact.startsWith('+') && !digits.startsWith('62')) {
		throw invalid(raw, 'only Indonesian numbers (+62) can be used with this provider');
	}
	if (digits.startsWith('0062')) digits = digits.slice(2);
	else if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
	else if (digits.startsWith('8')) digits = `62${digits}`;
	if (!INDONESIAN_NUMBER.test(digits)) {
		throw invalid(raw, 'it is not a complete Indonesian number (62 followed by 8 to 13 digits)');
	}
	return digits;
}

function invalid(raw: string, reason: string) {
	return new InvalidPhoneNumberError(
		`"${raw}" is not a valid WhatsApp number: ${reason}. Use a form such as 0812-3456-7890, +62 812 3456 7890 or 6281234567890.`,
	);
}

/** Reads a phone-number parameter as 62… digits, or fails the item with what was typed. */
export function readWhatsappNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
): string {
	try {
		return normalizeWhatsappNumber(itemParameter(ctx, parameter, itemIndex));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}
