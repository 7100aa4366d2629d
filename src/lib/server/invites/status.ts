/** Whether an invite code can be used now, and if not, why (each reason has its own plain message). */
export type InviteStatus = 'ok' | 'unknown' | 'revoked' | 'expired' | 'used';

export function inviteStatus(
	invite: { revoked_at: string | null; expires_at: string; uses: number; max_uses: number } | undefined,
	now: Date
): InviteStatus {
	if (!invite) return 'unknown';
	if (invite.revoked_at) return 'revoked';
	if (invite.expires_at <= now.toISOString()) return 'expired';
	if (invite.uses >= invite.max_uses) return 'used';
	return 'ok';
}
