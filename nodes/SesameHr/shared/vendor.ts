/**
 * Sesame HR API profile: Bearer token, region-specific base URL, lists paged with page/limit and
 * answered as {data, meta: {currentPage, lastPage, total, perPage}}. The rate limit (1,000 requests
 * per minute per company, no budget headers documented) is handled by the shared transport: a 429
 * holds every request of the credential until Retry-After, then retries.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { DeclarativeVendor } from '../../common/declarative';
import { metaPages } from '../../common/paging';

/**
 * Items asked for per page. The API documents `limit` without a maximum; 100 is the usual cap of
 * page/limit APIs, keeps one page well inside the 1,000 requests/minute budget (10 pages = 1,000
 * records) and stays correct if the server caps lower, because paging follows meta.lastPage.
 */
export const SESAME_PAGE_SIZE = 100;

export const SESAME_CREDENTIAL = 'sesameHrApi';

/** Data regions: eu1 is the default; anything else goes through "Custom URL". */
export const SESAME_REGIONS = ['eu1', 'eu2', 'eu3', 'eu4'];

export const sesameVendor: DeclarativeVendor = {
	vendor: 'Sesame HR',
	credentialType: SESAME_CREDENTIAL,
	paging: metaPages(SESAME_PAGE_SIZE),
};

/** The API base URL of a credential (region host, or the custom URL without a trailing slash). */
export function sesameBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'eu1').trim() || 'eu1';
	if (region === 'custom') return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return `https://api-${region}.sesametime.com`;
}

/** The same mapping as an n8n expression, for requestDefaults and the credential test. */
export const SESAME_BASE_URL_EXPRESSION =
	'={{ $credentials.region === "custom" ? String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") : "https://api-" + (String($credentials.region || "").trim() || "eu1") + ".sesametime.com" }}';
