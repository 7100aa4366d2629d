import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
/** The numbers the password messages quote (auth:password.tooLong says "at most {{max}}"). */
export const passwordLimits = { min: PASSWORD_MIN, max: PASSWORD_MAX };

// argon2id with OWASP's minimum: 19 MiB memory, 2 iterations, 1 lane (about 15-55 ms a hash here).
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A real hash to verify against when the account does not exist, so a wrong name takes as long as a
// wrong password and the timing does not reveal which names exist.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword('not-a-real-password-but-the-same-work');
	return decoy;
}

export type PasswordProblem = 'empty' | 'tooShort' | 'tooLong' | 'sameAsName';

export function passwordProblem(password: string, displayName = ''): PasswordProblem | null {
	if (password.length === 0) return 'empty';
	if ([...password].length < PASSWORD_MIN) return 'tooShort';
	if (password.length > PASSWORD_MAX) return 'tooLong';
	if (displayName && password.trim().toLocaleLowerCase() === displayName.trim().toLocaleLowerCase())
		return 'sameAsName';
	return null;
}
