/** How strong a master password looks, with a hint to make it stronger. */
export interface Strength {
  /** 0 (weak) … 3 (strong). */
  readonly score: 0 | 1 | 2 | 3;
  readonly label: 'Too short' | 'Weak' | 'Fair' | 'Strong';
  readonly hint: string;
}

/** Minimum length accepted for a master password. */
export const MIN_MASTER_PASSWORD = 8;

/**
 * A rough estimate: length counts most, then the variety of characters. It guides a
 * person; scrypt's cost is what actually protects the vault against guessing.
 */
export function passwordStrength(password: string): Strength {
  if (password.length < MIN_MASTER_PASSWORD) {
    return { score: 0, label: 'Too short', hint: `Use at least ${MIN_MASTER_PASSWORD} characters.` };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  const repeated = /^(.)\1*$/.test(password);
  const points = (password.length >= 16 ? 2 : password.length >= 12 ? 1 : 0) + (classes >= 3 ? 1 : 0) - (repeated ? 2 : 0);
  if (points >= 2) return { score: 3, label: 'Strong', hint: 'A good master password.' };
  if (points === 1) return { score: 2, label: 'Fair', hint: 'Longer is stronger: a few unrelated words work well.' };
  return { score: 1, label: 'Weak', hint: 'Add length or mix letters, digits and symbols.' };
}
