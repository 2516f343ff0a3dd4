/**
 * Sesame HR API profile: Bearer token, region-specific base URL, lists paged with page/limit and
 * answered as {data, meta: {currentPage, lastPage, total, perPage}}. The rate limit (1,000 requests
 * per minute per company, no budget headers documented) is handled by the shared transport: a 429
 * holds every request of the credential until Retry-After, then retries.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { field, firstOf, join, urlExpression, urlOf, when } from '../../common/credentialUrl';
import type { DeclarativeVendor } from '../../common/declarative';
import { metaPages, singlePage } from '../../common/paging';

/**
 * Items asked for per page by Return All / Limit. The API documents `limit`
 * without a maximum. 1,000 per page reads 10,000 employees in 10 requests (bench/RESULTS.md,
 * scenario 2) and spends a tenth of the 1,000 requests/minute budget that 100 per page would.
 * - A server that caps the page lower still pages correctly: paging follows meta.lastPage.
 * - A server that refuses the size (400/422 on the first page) is asked again with
 *   SESAME_SMALL_PAGE_SIZE, for the rest of that list.
 */
export const SESAME_PAGE_SIZE = 1000;

/**
 * Page size after a refused first page, for dropdown searches (a screenful at a time) and for the
 * poll trigger (a poll usually finds a few changes).
 */
export const SESAME_SMALL_PAGE_SIZE = 100;

export const SESAME_CREDENTIAL = 'sesameHrApi';

/** Data regions: eu1 is the default; anything else goes through "Custom URL". */
export const SESAME_REGIONS = ['eu1', 'eu2', 'eu3', 'eu4'];

/** Documented lists that answer everything at once (`{data: [...]}`): one request, Limit cuts the answer. */
export const UNPAGED = singlePage('data');

export const sesameVendor: DeclarativeVendor = {
	vendor: 'Sesame HR',
	credentialType: SESAME_CREDENTIAL,
	paging: metaPages(SESAME_PAGE_SIZE, { fallbackPageSize: SESAME_SMALL_PAGE_SIZE }),
	// the employee record's identity, bank, salary and birth fields, and its clock-in PIN / NFC tag
	personalData: {
		what: 'national IDs, social-security numbers, bank details, salaries, birth dates and clock-in PINs',
		keys: [
			'nid',
			'dni',
			'nie',
			'nif',
			'identityNumber',
			'ssn',
			'socialSecurityNumber',
			'iban',
			'bic',
			'swift',
			'bankAccount',
			'accountNumber',
			'salary',
			'grossSalary',
			'netSalary',
			'salaryRange',
			'desiredSalary',
			'dateOfBirth',
			'birthDate',
			'birthday',
			'pin',
			'nfc',
		],
	},
};

/**
 * The API base URL of a credential: the region's host, or the custom URL (trimmed, without a
 * trailing slash).
 */
const SESAME_BASE_URL = when(
	'region',
	'custom',
	field('baseUrl'),
	join('https://api-', firstOf(field('region'), SESAME_REGIONS[0]), '.sesametime.com'),
);

export const sesameBaseUrl = (credentials: ICredentialDataDecryptedObject): string =>
	urlOf(SESAME_BASE_URL, credentials);

/** The same rule as an n8n expression, for requestDefaults and the credential test. */
export const SESAME_BASE_URL_EXPRESSION = urlExpression(SESAME_BASE_URL);
