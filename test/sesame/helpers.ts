/** Shared fixtures of the Sesame HR tests: the node, its credential, the catalogue. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SesameHrApi } from '../../credentials/SesameHrApi.credentials';
import { SesameHr } from '../../nodes/SesameHr/SesameHr.node';

export interface CatalogueEndpoint {
	title: string;
	method: string;
	path: string;
	params?: {
		path?: Record<string, string>;
		query?: Record<string, string>;
		body?: Record<string, string>;
	};
	inputSchema?: { properties: Record<string, JsonSchema>; required?: string[] };
}

export interface JsonSchema {
	type?: string;
	format?: string;
	enum?: unknown[];
	items?: JsonSchema;
	properties?: Record<string, JsonSchema>;
}

export const CATALOGUE_PATH = join(__dirname, '../../specs/sesame-endpoints.json');
export const catalogue = (
	JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as { endpoints: CatalogueEndpoint[] }
).endpoints;

export const BASE = 'https://api-eu1.sesametime.com';
export const TOKEN = 'sesame-test-token';
export const node = new SesameHr();
export const credentialTypes = [new SesameHrApi()];
export const credentials = { sesameHrApi: { apiToken: TOKEN, region: 'eu1' } };
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
