/** Whether a list of roles names a moderator or an admin. Only a list counts: `'not an admin'.includes('admin')` must not make a moderator. */
export const isModeratorRole = (roles: unknown): boolean => Array.isArray(roles) && (roles.includes('moderator') || roles.includes('admin'));
