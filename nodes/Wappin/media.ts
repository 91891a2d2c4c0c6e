import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { missingBinaryError } from '../shared/binary';

export type MediaKind = 'image' | 'document' | 'audio';

/** A file to send as the multipart part `media`. */
export interface WappinMedia {
	fileName: string;
	mimeType: string;
	size: number;
	/** the file's bytes from the start; read anew for a resend */
	chunks(): AsyncIterable<Uint8Array>;
}

// What Wappin accepts, by file extension and MIME type.
const ACCEPTED: Record<MediaKind, { extensions: string[]; mimeTypes: string[] }> = {
	image: {
		extensions: ['jpg', 'jpeg', 'png'],
		mimeTypes: ['image/jpeg', 'image/jpg', 'image/png'],
	},
	document: {
		extensions: ['pdf', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx'],
		mimeTypes: [
			'application/pdf',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		],
	},
	audio: {
		extensions: ['aac', 'm4a', 'mp3', 'ogg', 'opus'],
		mimeTypes: [
			'audio/aac',
			'audio/mp4',
			'audio/x-m4a',
			'audio/m4a',
			'audio/mpeg',
			'audio/mp3',
			'audio/ogg',
			'audio/opus',
		],
	},
};

const EXTENSION_MIME: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	aac: 'audio/aac',
	m4a: 'audio/mp4',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	opus: 'audio/opus',
};

/** What tells two files apart for Send Once, without reading them. */
export function mediaIdentity(media: WappinMedia): IDataObject {
	return { file_name: media.fileName, mime_type: media.mimeType, size: media.size };
}

/** Reads a file from a binary property and checks, before any request, that Wappin accepts it. */
export async function readMedia(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	kinds: MediaKind[],
): Promise<WappinMedia> {
	const item = ctx.getInputData()[itemIndex];
	const binary = item?.binary?.[binaryPropertyName];
	if (!binary) throw missingBinaryError(ctx, itemIndex, binaryPropertyName);
	const extension = (binary.fileExtension ?? binary.fileName?.split('.').pop() ?? '').toLowerCase();
	const mimeType = (binary.mimeType ?? '').toLowerCase().split(';')[0].trim();
	const kind = kinds.find(
		(k) => ACCEPTED[k].mimeTypes.includes(mimeType) || ACCEPTED[k].extensions.includes(extension),
	);
	if (!kind) {
		const accepted = kinds
			.flatMap((k) => ACCEPTED[k].extensions.map((e) => e.toUpperCase()))
			.join(', ');
		throw new NodeOperationError(
			ctx.getNode(),
			`Wappin does not accept "${binary.fileName ?? binaryPropertyName}" (${mimeType || 'unknown type'}) as ${kinds.join(' or ')}`,
			{ itemIndex, description: `Accepted files for ${kinds.join(' or ')}: ${accepted}.` },
		);
	}
	const fileName =
		binary.fileName || `${binaryPropertyName}.${extension || ACCEPTED[kind].extensions[0]}`;
	const acceptedMime = ACCEPTED[kind].mimeTypes.includes(mimeType)
		? mimeType
		: EXTENSION_MIME[extension];
	const common = { fileName, mimeType: acceptedMime ?? mimeType };

	// The file is streamed into the request, so a large file is never held in memory whole.
	const storedId = binary.id;
	if (storedId) {
		const { fileSize } = await ctx.helpers.getBinaryMetadata(storedId);
		return {
			...common,
			size: fileSize,
			async *chunks() {
				yield* (await ctx.helpers.getBinaryStream(storedId)) as AsyncIterable<Uint8Array>;
			},
		};
	}
	const base64 = binary.data;
	return {
		...common,
		size: Buffer.byteLength(base64, 'base64'),
		async *chunks() {
			yield Buffer.from(base64, 'base64');
		},
	};
}
