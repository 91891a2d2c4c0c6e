// @ts-check
'use strict';

/**
 * A small multipart/form-data parser for the simulator: enough to see exactly which parts a
 * client sent, with the bytes of each file.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @returns {Array<{ name: string, filename?: string, contentType?: string, data: Buffer, value?: string }>}
 */
function parseMultipart(body, contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!match) throw new Error('multipart body without a boundary');
	const boundary = Buffer.from(`--${match[1] || match[2]}`);
	const parts = [];
	let start = body.indexOf(boundary);
	if (start < 0) throw new Error('multipart body without its boundary');
	while (true) {
		start += boundary.length;
		if (body.subarray(start, start + 2).toString() === '--') break; // closing boundary
		start += 2; // CRLF after the boundary
		const next = body.indexOf(boundary, start);
		if (next < 0) throw new Error('multipart body is truncated');
		const part = body.subarray(start, next - 2); // CRLF before the next boundary
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) throw new Error('multipart part without headers');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		const data = part.subarray(headerEnd + 4);
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
		parts.push(
			filename === undefined
				? { name, data, value: data.toString('utf8'), contentType: type }
				: { name, filename, contentType: type, data: Buffer.from(data) },
		);
		start = next;
	}
	return parts;
}

module.exports = { parseMultipart };
