/** A dropdown search of the Sesame HR node, generated into nodes/SesameHr/generated/index.ts. */
export interface SesameSearch {
	/** List endpoint the dropdown calls. */
	path: string;
	/** The endpoint takes page/limit. */
	paged: boolean;
	/** Query parameter that filters by name on the server. */
	filterParam?: string;
	/** Property of `data` that holds the record (a single-record answer). */
	pick?: string;
	/** The path parameter of `path`, read from the same operation (e.g. the contract of an annex). */
	dependsOn?: string;
	/** Query parameter that must carry the company ID (taken from the token's info). */
	companyParam?: string;
}
