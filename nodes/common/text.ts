/**
 * The one title-case of API names: `internal_user_id2` -> "Internal User ID 2",
 * `date_of_birth` -> "Date of Birth", `_approve` -> "Approve". Used for field labels where no
 * hand-written label exists (HaloPSA, Sense).
 */
const WORDS: Record<string, string> = {
	id: 'ID',
	url: 'URL',
	sms: 'SMS',
	datetime: 'Date Time',
	no: 'Number',
};
const MINOR = new Set(['of', 'and', 'or', 'to', 'in', 'on', 'per', 'for']);

/** `internal_user_id2` -> "Internal User ID 2", `date_of_birth` -> "Date of Birth". */
export function titleOf(name: string): string {
	const parts = name
		.replace(/^_+/, '')
		.split('_')
		.flatMap((word) => {
			const numbered = /^([a-z]+)(\d+)$/.exec(word);
			return numbered ? [numbered[1], numbered[2]] : [word];
		});
	return parts
		.map(
			(word, i) =>
				WORDS[word] ??
				(i > 0 && MINOR.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)),
		)
		.join(' ');
}
