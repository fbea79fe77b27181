/** Who may use organizer commands, buttons and forms. */
export interface Organizers {
  isOrganizer(userId: string): boolean;
}

/** Organizers from `RALLY_ORGANIZERS`; an empty list makes every member an organizer. */
export function organizersFromList(userIds: readonly string[]): Organizers {
  const listed = new Set(userIds);
  return { isOrganizer: (userId) => listed.size === 0 || listed.has(userId) };
}
