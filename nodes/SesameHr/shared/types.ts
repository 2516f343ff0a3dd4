/**
 * Shape of the operation data scripts/generate-sesame.mjs derives from the endpoint catalogue
 * (nodes/SesameHr/generated/). shared/describe.ts turns it into node properties.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

export type SesameFieldKind =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiOptions'
	/** `format: date`: a date picker, sent as YYYY-MM-DD */
	| 'date'
	/** `format: Y-m-dTH:i:sP`: a date-time picker, sent with its UTC offset */
	| 'dateTime'
	/** objects and arrays of objects: a JSON editor, sent parsed */
	| 'json'
	/** arrays of strings or numbers: comma-separated (or a JSON array) */
	| 'list'
	/** an id with a dropdown search (resource locator) */
	| 'locator';

export interface SesameField {
	/** Node parameter name. */
	name: string;
	/** Name the API uses (path placeholder, query parameter or body property). */
	key?: string;
	/** Where the value goes; `setting` = read by the operation itself (raw JSON, binary field names). */
	in: 'path' | 'query' | 'body' | 'setting';
	kind: SesameFieldKind;
	label: string;
	/** A top-level required field. */
	required?: boolean;
	/** An option of the operation's collection (Filters / Additional Fields / Options). */
	optional?: boolean;
	/** listSearch method of a `locator`. */
	search?: string;
	options?: Array<{ name: string; value: string | number }>;
	itemType?: 'string' | 'number';
	json?: 'object' | 'array';
	default?: string | number | boolean;
	placeholder?: string;
	description?: string;
}

export interface SesameOperation {
	/** Operation parameter value (stable, unique in the resource). */
	value: string;
	name: string;
	action: string;
	method: IHttpRequestMethods;
	/** Path with `{nodeParameter}` placeholders. */
	path: string;
	/** The catalogue endpoint, "METHOD /path/{apiPlaceholder}". */
	endpoint: string;
	/** A collection: `paged` = page/limit with meta.lastPage, `unpaged` = one request. */
	list?: 'paged' | 'unpaged';
	binary?: 'upload' | 'download';
	/** No schema in the catalogue: path fields plus Query Parameters / Body (JSON). */
	raw?: boolean;
	/** Name of the collection holding the optional fields. */
	collection?: 'filters' | 'additionalFields' | 'options';
	/** Node parameter (path) holding a JSON object merged into the body. */
	jsonBody?: string;
	/** Node parameter (path) holding a JSON object merged into the query string. */
	jsonQuery?: string;
	/** Node parameter (path) that may rename the multipart file field. */
	fileFieldParam?: string;
	fields: SesameField[];
}

export interface SesameResource {
	value: string;
	name: string;
	description: string;
	operations: SesameOperation[];
}

export interface SesameSearch {
	/** List endpoint the dropdown calls. */
	path: string;
	/** The endpoint takes page/limit. */
	paged: boolean;
	/** Query parameter that filters by name on the server. */
	filterParam?: string;
	/** Property of `data` that holds the record (a single-record answer). */
	pick?: string;
}
