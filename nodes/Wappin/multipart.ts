import type { IDataObject } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import type { WappinMedia } from './media';

/**
 * multipart/form-data streamed with its exact length: the file goes from n8n's binary store to
 * the connection chunk by chunk, never copied into one large buffer, and is read anew for a
 * resend. n8n's HTTP client streams a Blob from its stream(); node code may not import Node's
 * stream module, so the body is a Blob in shape (size, type, stream) whose bytes are made on
 * demand. Objects among the fields become JSON strings, as Wappin expects.
 */
export function multipartBody(
	fields: IDataObject,
	media: WappinMedia,
): { body: Blob; contentType: string } {
	const boundary = `----n8nWappin${randomBytes(12).toString('hex')}`;
	const contentType = `multipart/form-data; boundary=${boundary}`;
	const quote = (text: string) => text.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
	let headText = '';
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
		headText += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${text}\r\n`;
	}
	headText += `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${quote(media.fileName)}"\r\nContent-Type: ${media.mimeType}\r\n\r\n`;
	const head = Buffer.from(headText);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	async function* stream(): AsyncGenerator<Uint8Array> {
		yield head;
		let read = 0;
		for await (const chunk of media.chunks()) {
			read += chunk.length;
			if (read > media.size) break;
			yield chunk;
		}
		if (read !== media.size) {
			throw new Error(
				`The stored file "${media.fileName}" is not the ${media.size} bytes n8n recorded for it; nothing usable was sent`,
			);
		}
		yield tail;
	}
	const size = head.length + media.size + tail.length;
	const body = { size, type: contentType, stream, [Symbol.toStringTag]: 'Blob' };
	return { body: body as unknown as Blob, contentType };
}
