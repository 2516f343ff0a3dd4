/**
 * multipart/form-data bodies, built as one Buffer for every upload (declarative operations with an
 * `upload` spec, the Sense resume upload). A Buffer, unlike a FormData stream, can be sent again,
 * so n8n-core's repeat of a request after a token refresh (401) also works for uploads.
 */
import { randomBytes } from 'crypto';

export type FormPart =
	| { field: string; value: string }
	| { field: string; filename: string; contentType: string; data: Buffer };

/** Quotes in a header parameter are percent-encoded and line breaks removed, as browsers do. */
const headerParameter = (value: string) => value.replace(/"/g, '%22').replace(/[\r\n]+/g, ' ');

/** The body of the parts, in order, and the Content-Type header (with its boundary) to send it with. */
export function multipartBody(parts: FormPart[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${headerParameter(part.field)}"`;
		if ('data' in part) {
			head += `; filename="${headerParameter(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
			chunks.push(Buffer.from(head, 'utf8'), part.data, Buffer.from('\r\n', 'utf8'));
		} else {
			chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
