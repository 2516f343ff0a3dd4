/** The hidden token fields n8n keeps with a client-credentials credential, bound to its values. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { tokenBinding, validityExpression } from '../../nodes/common/tokenCache';

/**
 * What n8n stores after an exchange for `credentials`: `token`, valid until `expiresAt`, issued for
 * these credential values (`binding`: the credential type's bound fields).
 */
export function storedTokenFor(
	credentials: ICredentialDataDecryptedObject,
	binding: readonly string[],
	token: string,
	expiresAt = Date.now() + 3_600_000,
): ICredentialDataDecryptedObject {
	return {
		accessToken: token,
		expiresAt,
		validity: validityExpression(binding),
		tokenFor: tokenBinding(credentials, binding),
	};
}
